// What the block views need from the screen around them (media details, trackers, pickers,
// validation issues) without holding the screen's state: the views are separate Preact roots
// inside ProseMirror's DOM, so they subscribe to this object instead of receiving props.

import type { Editor } from "@tiptap/core";
import type { FieldIssue } from "../lib/api.js";
import { media as mediaApi } from "../lib/resources.js";
import type { AdminMedia, TrackerListItem } from "../lib/types.js";

/** What the picker lists. */
export type MediaKind = NonNullable<AdminMedia["kind"]>;

/** Where the screen wants the caret after an insertion: a field of the block at `pos`. */
export interface FocusRequest {
  pos: number;
  field: string;
}

export interface EditorEnv {
  editor: Editor | null;
  readOnly: boolean;
  /** A media item's details, or undefined while they load (the load starts on first ask). */
  media(id: string): AdminMedia | undefined;
  /** Stores details the screen already has (after a pick, an upload or an edit). */
  rememberMedia(item: AdminMedia): void;
  trackers: TrackerListItem[];
  /**
   * Opens the media library picker listing one kind (images unless told); resolves with the
   * chosen item, or null if cancelled.
   */
  pickMedia(kind?: MediaKind): Promise<AdminMedia | null>;
  /** Opens the credit editor of a media item; resolves with the saved item, or null. */
  editCredit(item: AdminMedia): Promise<AdminMedia | null>;
  /**
   * Creates a tracker with this title and answers its id; absent when the writer may not (the
   * tracker block then offers only the trackers that exist).
   */
  createTracker?: (title: string) => Promise<string>;
  /** Validation issues of the block shown by the document's top-level node `index`. */
  issuesAt(index: number): FieldIssue[];
  setIssues(byNode: Map<number, FieldIssue[]>): void;
  focusRequest: FocusRequest | null;
  subscribe(listener: () => void): () => void;
  notify(): void;
}

/** Creates the environment the block views of one editor share. */
export function createEditorEnv(options: {
  pickMedia: EditorEnv["pickMedia"];
  editCredit: EditorEnv["editCredit"];
  createTracker?: EditorEnv["createTracker"];
}): EditorEnv {
  const listeners = new Set<() => void>();
  const mediaCache = new Map<string, AdminMedia | "loading" | "missing">();
  let issues = new Map<number, FieldIssue[]>();
  const env: EditorEnv = {
    editor: null,
    readOnly: false,
    trackers: [],
    focusRequest: null,
    pickMedia: options.pickMedia,
    editCredit: options.editCredit,
    ...(options.createTracker ? { createTracker: options.createTracker } : {}),
    media(id) {
      if (!id) return undefined;
      const cached = mediaCache.get(id);
      if (cached === undefined) {
        mediaCache.set(id, "loading");
        mediaApi.get(id).then(
          (item) => env.rememberMedia(item),
          () => {
            mediaCache.set(id, "missing");
            env.notify();
          },
        );
        return undefined;
      }
      return typeof cached === "string" ? undefined : cached;
    },
    rememberMedia(item) {
      mediaCache.set(item.id, item);
      env.notify();
    },
    issuesAt: (index) => issues.get(index) ?? [],
    setIssues(byNode) {
      issues = byNode;
      env.notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify() {
      for (const listener of listeners) listener();
    },
  };
  return env;
}

/** The message of the issue at `field` (a path relative to the block), if any. */
export function issueAt(issues: readonly FieldIssue[], field: string): string | null {
  return issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message ?? null;
}
