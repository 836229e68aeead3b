import { useEffect } from "preact/hooks";

/** Sets the browser tab's title for a screen: "Articles — Masthead". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Masthead` : "Masthead";
  }, [title]);
}
