// People, sections, tags and trackers: small lists many screens need (filters, pickers, names
// in tables). Loaded once per session and refreshed after a change.

import { useEffect } from "preact/hooks";
import { people, sections, tags, trackers } from "./resources.js";
import { observable, useObservable } from "./store.js";
import type { AdminPerson, AdminSection, AdminTag, TrackerListItem } from "./types.js";

export interface ReferenceData {
  loaded: boolean;
  error: string | null;
  people: AdminPerson[];
  sections: AdminSection[];
  tags: AdminTag[];
  trackers: TrackerListItem[];
}

const data = observable<ReferenceData>({
  loaded: false,
  error: null,
  people: [],
  sections: [],
  tags: [],
  trackers: [],
});
let loading: Promise<void> | null = null;
let loadedAt = 0;

const settle = <T>(p: Promise<T[]>) => p.catch(() => null);

/** Loads (again) the reference lists; a list that fails keeps its previous contents. */
export function refreshReference(): Promise<void> {
  loadedAt = Date.now();
  loading = (async () => {
    const [p, s, t, k] = await Promise.all([
      settle(people.list()),
      settle(sections.list()),
      settle(tags.list()),
      settle(trackers.list()),
    ]);
    const current = data.get();
    const failed = [p, s, t, k].some((x) => x === null);
    data.set({
      loaded: true,
      error: failed
        ? "Some lists could not be loaded; names may be missing. Reload to try again."
        : null,
      people: p ?? current.people,
      sections: s ?? current.sections,
      tags: t ?? current.tags,
      trackers: k ?? current.trackers,
    });
  })();
  return loading;
}

/**
 * Loads the lists again unless that happened in the last `maxAgeMs` (a picker being opened, the
 * tab shown again): what another tab created appears without a reload.
 */
export function refreshIfStale(maxAgeMs = 2000): Promise<void> {
  if (loading && Date.now() - loadedAt < maxAgeMs) return loading;
  return refreshReference();
}

/** Refreshes the lists whenever this tab is shown again (while the calling screen is open). */
export function useRefreshOnReturn(): void {
  useEffect(() => {
    const back = () => {
      if (document.visibilityState === "visible") void refreshIfStale();
    };
    window.addEventListener("focus", back);
    document.addEventListener("visibilitychange", back);
    return () => {
      window.removeEventListener("focus", back);
      document.removeEventListener("visibilitychange", back);
    };
  }, []);
}

/** The lists as loaded now (for code that runs after a refresh, outside render). */
export function currentReference(): ReferenceData {
  return data.get();
}

/** The reference lists, loading them on first use. */
export function useReference(): ReferenceData {
  const value = useObservable(data);
  useEffect(() => {
    if (!loading) void refreshReference();
  }, []);
  return value;
}

/** Forgets the lists (on sign-out), so the next account loads its own. */
export function resetReference(): void {
  loading = null;
  data.set({ loaded: false, error: null, people: [], sections: [], tags: [], trackers: [] });
}

/** Sections in tree order with their depth, for indented lists and selects. */
export function sectionTree(
  all: readonly AdminSection[],
): { section: AdminSection; depth: number }[] {
  const children = new Map<string | null, AdminSection[]>();
  const ids = new Set(all.map((s) => s.id));
  for (const s of all) {
    // A parent that is missing (or a cycle's member) shows at the top level rather than nowhere.
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: { section: AdminSection; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const s of [...(children.get(parent) ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ section: s, depth });
      walk(s.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const s of all) if (!seen.has(s.id)) out.push({ section: s, depth: 0 });
  return out;
}
