import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Notice } from "../components/notice.js";

/**
 * A screen loaded on first use (its own JavaScript chunk): the editor and TipTap are only
 * downloaded by someone who opens an article.
 */
export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      pending ??= load();
      pending.then(
        (c) => {
          loaded = c;
          setComponent(() => c);
        },
        () => {
          pending = null;
          setFailed(true);
        },
      );
    }, []);
    if (failed)
      return (
        <Notice kind="error" title="This screen could not be loaded" live>
          Check your connection and reload the page.
        </Notice>
      );
    if (!Component)
      return (
        <p class="loading" role="status">
          Loading…
        </p>
      );
    return <Component {...props} />;
  };
}
