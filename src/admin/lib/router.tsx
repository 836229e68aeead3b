import type { ComponentChildren, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

// A small history router: the app has a dozen screens and needs nothing more.

/** The app's mount point in the URL space. */
export const BASE = "/admin";

export interface Location {
  /** Path below BASE, always starting with "/" (e.g. "/articles/abc"). */
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  const raw = window.location.pathname;
  const below = raw.startsWith(BASE) ? raw.slice(BASE.length) : raw;
  return {
    path: below === "" ? "/" : below.replace(/\/+$/, "") || "/",
    query: new URLSearchParams(window.location.search),
  };
}

const listeners = new Set<() => void>();
let leaveGuard: (() => boolean) | null = null;
let movedToNewScreen = false;

/**
 * Whether the last navigation opened another screen (a link, back or forward) rather than
 * rewrote the address of this one (filters, a new article's first save): focus moves only then.
 */
export function wasScreenChange(): boolean {
  return movedToNewScreen;
}

/**
 * Registers a check run before leaving the current screen (e.g. unsaved changes); it returns
 * false to stay. Returns a function that removes it.
 */
export function setLeaveGuard(guard: () => boolean): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** Goes to an app path such as "/articles/new" (below BASE). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (leaveGuard && !leaveGuard()) return;
  const url = BASE + (to === "/" ? "" : to);
  movedToNewScreen = !options.replace;
  if (options.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  for (const listener of listeners) listener();
  if (movedToNewScreen) window.scrollTo(0, 0);
}

if (typeof window !== "undefined")
  window.addEventListener("popstate", () => {
    movedToNewScreen = true;
    for (const listener of listeners) listener();
  });

/** The current location; re-renders on navigation. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}

/**
 * Matches "/articles/:id" against a path; returns the named parts, or null.
 * @example matchPath("/articles/:id", "/articles/42") // { id: "42" }
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(":")) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, "href"> & {
  /** App path below BASE. */
  href: string;
  children?: ComponentChildren;
};

/** An ordinary link (opens in a new tab with a modifier) that navigates in-app on a plain click. */
export function Link({ href, onClick, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={BASE + (href === "/" ? "" : href)}
      onClick={(event) => {
        if (typeof onClick === "function") onClick(event);
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        )
          return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}
