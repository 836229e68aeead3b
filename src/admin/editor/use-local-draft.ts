// The editor's side of src/admin/lib/local-drafts.ts: keeps what is on screen in this browser
// while it is not saved, offers it back when the article is opened again, and forgets it once
// the server has it.

import type { JSONContent } from "@tiptap/core";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import {
  draftKey,
  type LocalDraft,
  readDraft,
  removeDraft,
  writeDraft,
} from "../lib/local-drafts.js";
import { session } from "../lib/session.js";
import type { EditorEnv } from "./env.js";
import type { ArticleMeta } from "./meta.js";
import type { SaveState } from "./save-status.js";

/** How often at most the copy is written while typing (and always when the page is hidden). */
const WRITE_EVERY_MS = 250;

const blank = (meta: ArticleMeta, text: string) =>
  meta.headline.trim() === "" && meta.dek.trim() === "" && text.trim() === "";

/** Keeps unsaved text locally; `offer` is a copy from an earlier visit, until answered. */
export function useLocalDraft({
  userId,
  articleId,
  newKind,
  baseVersion,
  env,
  metaRef,
  save,
  enabled,
}: {
  userId: string;
  /** Null until a new article is first saved. */
  articleId: string | null;
  newKind: string;
  baseVersion: number | null;
  env: EditorEnv;
  metaRef: { current: ArticleMeta };
  save: SaveState;
  /** False for a read-only article: nothing to keep. */
  enabled: boolean;
}) {
  const newKey = draftKey(userId, `new-${newKind}`);
  const key = articleId ? draftKey(userId, articleId) : newKey;
  const keyRef = useRef(key);
  keyRef.current = key;
  const [offer, setOffer] = useState<LocalDraft<ArticleMeta> | null>(() =>
    enabled ? readDraft<ArticleMeta>(key) : null,
  );
  const offerRef = useRef(offer);
  offerRef.current = offer;
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const versionRef = useRef(baseVersion);
  versionRef.current = baseVersion;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // Typing while an earlier copy is offered writes over it: the words being typed now are the
    // ones a crash would take, and the offered ones stay on screen until answered.
    if (!dirty.current || !env.editor) return;
    dirty.current = false;
    const meta = metaRef.current;
    const doc = env.editor.getJSON();
    // A new article with nothing written yet is nothing to offer back.
    if (!versionRef.current && blank(meta, env.editor.getText())) removeDraft(keyRef.current);
    else
      writeDraft<ArticleMeta>(keyRef.current, {
        at: new Date().toISOString(),
        baseVersion: versionRef.current,
        meta,
        doc,
      });
  }, [env, metaRef]);

  /** Call on every change to the fields or the body. */
  const noteChange = useCallback(() => {
    if (!enabled) return;
    dirty.current = true;
    timer.current ??= setTimeout(flush, WRITE_EVERY_MS);
  }, [enabled, flush]);

  // Saved: the server has it all, so the local copy goes (and a new article's, once it has an id).
  useEffect(() => {
    if (save.kind !== "saved" || offerRef.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirty.current = false;
    removeDraft(key);
    if (key !== newKey) removeDraft(newKey);
  }, [save, key, newKey]);

  // A closing tab gets no timer: write now. Leaving the screen in the app keeps the copy too.
  useEffect(() => {
    const hide = () => flush();
    window.addEventListener("pagehide", hide);
    document.addEventListener("visibilitychange", hide);
    return () => {
      window.removeEventListener("pagehide", hide);
      document.removeEventListener("visibilitychange", hide);
      // Not after signing out: sign-out has just removed every copy, and must stay so.
      if (session.get().status === "signed-in") flush();
    };
  }, [flush]);

  /** Drops the offer when it holds nothing the screen does not already show. */
  const dropIfSame = useCallback((meta: ArticleMeta, doc: JSONContent) => {
    const kept = offerRef.current;
    if (kept && JSON.stringify([kept.meta, kept.doc]) === JSON.stringify([meta, doc])) {
      removeDraft(keyRef.current);
      setOffer(null);
    }
  }, []);

  /** The writer declined the kept copy. */
  const discard = useCallback(() => {
    removeDraft(keyRef.current);
    setOffer(null);
  }, []);

  /** The writer took the kept copy back: it is on screen now and counts as a change. */
  const accepted = useCallback(() => setOffer(null), []);

  return { offer, noteChange, discard, accepted, dropIfSame };
}
