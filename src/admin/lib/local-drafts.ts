// Unsaved editor text kept in this browser (localStorage), so a closed tab or a crashed browser
// loses no words: one entry per account and per article (or per kind of new article), written
// while the text differs from what the server has, removed once it is saved, and every entry
// removed at sign-out so a shared newsroom computer leaks nothing to the next person.

import type { JSONContent } from "@tiptap/core";

const PREFIX = "masthead.unsaved.";

/** What is kept of an article being edited. */
export interface LocalDraft<Meta = unknown> {
  /** When it was written (ISO). */
  at: string;
  /** The server version it was based on, or null for a new article. */
  baseVersion: number | null;
  meta: Meta;
  doc: JSONContent;
}

/** The key of one account's unsaved copy of one article (`new-article`, `new-page` when new). */
export function draftKey(userId: string, articleId: string): string {
  return `${PREFIX}${userId}.${articleId}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage disabled (private mode settings): the editor still works, without this net.
    return null;
  }
}

/** The kept copy under `key`, or null. */
export function readDraft<Meta>(key: string): LocalDraft<Meta> | null {
  const raw = storage()?.getItem(key);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as LocalDraft<Meta>;
    return typeof parsed.at === "string" && parsed.doc ? parsed : null;
  } catch {
    return null;
  }
}

/** Keeps a copy; a full storage is not an error the writer can act on, so it is ignored. */
export function writeDraft<Meta>(key: string, draft: LocalDraft<Meta>): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota exceeded: the server copy and autosave still protect the text.
  }
}

/** Forgets one kept copy (it is saved, or the writer discarded it). */
export function removeDraft(key: string): void {
  storage()?.removeItem(key);
}

/** Forgets every kept copy of every account in this browser (at sign-out). */
export function clearAllDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}
