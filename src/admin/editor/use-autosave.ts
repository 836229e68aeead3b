// The article editor's save loop: it saves a pause after the last change, never two saves at
// once, nothing when nothing changed, and says where the article stands with the server.

import { type MutableRef, useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, type FieldIssue } from "../lib/api.js";
import { articles } from "../lib/resources.js";
import { setLeaveGuard } from "../lib/router.js";
import { session } from "../lib/session.js";
import type { ArticleReply } from "../lib/types.js";
import type { EditorEnv } from "./env.js";
import { type ArticleMeta, type PreparedEdit, prepareEdit, splitIssues } from "./meta.js";
import { describeProblems } from "./problems.js";
import type { SaveState } from "./save-status.js";

/** How long typing must pause before the article is saved. */
export const AUTOSAVE_DELAY_MS = 1500;

/** What the editor hands the save loop. */
export interface AutosaveOptions {
  initial: ArticleReply | null;
  env: EditorEnv;
  /** The fields as typed, read when a save runs (outside render). */
  metaRef: MutableRef<ArticleMeta>;
  onCreated: (id: string) => void;
}

/** The save loop's state and controls, for the editor and its workflow actions. */
export interface Autosave {
  server: ArticleReply | null;
  /** Always the latest reply (the loop reads it outside render). */
  serverRef: MutableRef<ArticleReply | null>;
  /** Takes a new reply from the server (a transition, a restore, a correction). */
  adopt: (reply: ArticleReply) => void;
  save: SaveState;
  setSave: (state: SaveState | ((s: SaveState) => SaveState)) => void;
  fieldIssues: FieldIssue[];
  blockProblems: number[];
  /** Shows issues the server answered with (a refused transition). */
  showIssues: (
    issues: readonly FieldIssue[],
    nodeIndex: readonly number[],
  ) => {
    fieldIssues: FieldIssue[];
    blockCount: number;
  };
  /** Saves now; true when what is on screen is saved. */
  saveNow: () => Promise<boolean>;
  /** Call on every change: schedules a save. */
  changed: () => void;
  /** Changes counted since the editor opened or the last reset. */
  changeCount: () => number;
  /** Stops saving (a conflict, a deleted article). */
  halt: () => void;
  /** The screen now shows the server's version (restored, reloaded): nothing unsaved. */
  resetToServer: (reply: ArticleReply) => void;
  /** Records the loaded document as what the server has (called once the editor exists). */
  markLoaded: () => void;
  /** True while something on screen is not saved. */
  unsaved: boolean;
}

/** The article editor's autosave: see the file comment. */
export function useAutosave({ initial, env, metaRef, onCreated }: AutosaveOptions): Autosave {
  const [server, setServer] = useState<ArticleReply | null>(initial);
  const [save, setSave] = useState<SaveState>({ kind: initial ? "saved" : "new", at: null });
  const [fieldIssues, setFieldIssues] = useState<FieldIssue[]>([]);
  const [blockProblems, setBlockProblems] = useState<number[]>([]);

  const serverRef = useRef(server);
  serverRef.current = server;
  const changes = useRef(0);
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const halted = useRef(false);
  // The last edit the server has (as JSON): a "change" that changes nothing saves nothing.
  const baseline = useRef<string | null>(null);
  const saveKind = useRef(save.kind);
  saveKind.current = save.kind;

  const adopt = useCallback((reply: ArticleReply) => {
    serverRef.current = reply;
    setServer(reply);
  }, []);

  const showSplit = useCallback(
    (split: { fieldIssues: FieldIssue[]; blockIssues: Map<number, FieldIssue[]> }) => {
      setFieldIssues(split.fieldIssues);
      setBlockProblems([...split.blockIssues.keys()].sort((a, b) => a - b));
      env.setIssues(split.blockIssues);
    },
    [env],
  );

  const showIssues = useCallback(
    (issues: readonly FieldIssue[], nodeIndex: readonly number[]) => {
      const split = splitIssues(issues, nodeIndex);
      showSplit(split);
      return { fieldIssues: split.fieldIssues, blockCount: split.blockIssues.size };
    },
    [showSplit],
  );

  /** Checks the article now; shows what keeps it from being saved. */
  const check = useCallback((): PreparedEdit | null => {
    if (!env.editor) return null;
    const prepared = prepareEdit(
      metaRef.current,
      env.editor.getJSON(),
      serverRef.current?.article.status ?? "draft",
    );
    if (prepared.ok) showSplit({ fieldIssues: [], blockIssues: new Map() });
    else showSplit(prepared);
    return prepared;
  }, [env, metaRef, showSplit]);

  const scheduleRef = useRef<() => void>(() => {});

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (halted.current || !env.editor) return false;
    // A save is on its way; the change counter makes it run again after.
    if (saving.current) return false;
    const prepared = check();
    if (!prepared) return false;
    if (!prepared.ok) {
      const problem =
        metaRef.current.headline.trim() === "" && !serverRef.current
          ? "Add a headline to save this article"
          : describeProblems(prepared.fieldIssues, prepared.blockIssues.size);
      setSave({ kind: "invalid", message: problem });
      return false;
    }
    const sending = JSON.stringify(prepared.edit);
    if (sending === baseline.current) {
      setSave((s) => (s.kind === "saved" ? s : { kind: "saved", at: null }));
      return true;
    }
    saving.current = true;
    const seen = changes.current;
    setSave({ kind: "saving" });
    try {
      const current = serverRef.current;
      const reply = current
        ? await articles.update(current.article.id, prepared.edit, current.version)
        : await articles.create(prepared.edit);
      adopt(reply);
      baseline.current = sending;
      if (!current) onCreated(reply.article.id);
      const clean = changes.current === seen;
      setSave(clean ? { kind: "saved", at: new Date() } : { kind: "pending" });
      return clean;
    } catch (error) {
      if (error instanceof ApiError && error.code === "MH_STALE") {
        halted.current = true;
        setSave({ kind: "conflict", message: error.message });
      } else if (
        error instanceof ApiError &&
        error.code === "MH_CONFLICT" &&
        /with slug '/.test(error.message)
      ) {
        // The API names the clashing field only in its message (no issues on 409).
        const issue = {
          path: "slug",
          message: "another article already has this address; change it",
        };
        showSplit({ fieldIssues: [issue], blockIssues: new Map() });
        setSave({ kind: "invalid", message: describeProblems([issue], 0) });
      } else if (error instanceof ApiError && error.issues.length > 0) {
        const shown = showIssues(error.issues, prepared.nodeIndex);
        setSave({
          kind: "invalid",
          message: describeProblems(shown.fieldIssues, shown.blockCount),
        });
      } else if (error instanceof ApiError && error.status === 401) {
        setSave({
          kind: "error",
          message: "your session ended; sign in again and it will be saved",
        });
      } else {
        setSave({
          kind: "error",
          message: error instanceof Error ? error.message : "the server did not answer",
        });
      }
      return false;
    } finally {
      saving.current = false;
      if (changes.current !== seen && !halted.current) scheduleRef.current();
    }
  }, [adopt, check, env, metaRef, onCreated, showIssues, showSplit]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [saveNow]);
  scheduleRef.current = schedule;

  const changed = useCallback(() => {
    if (halted.current) return;
    changes.current++;
    setSave((s) => (s.kind === "saving" ? s : { kind: "pending" }));
    scheduleRef.current();
  }, []);

  const markLoaded = useCallback(() => {
    const instance = env.editor;
    const now = instance
      ? prepareEdit(metaRef.current, instance.getJSON(), serverRef.current?.article.status)
      : null;
    baseline.current = now?.ok ? JSON.stringify(now.edit) : null;
  }, [env, metaRef]);

  const resetToServer = useCallback(
    (reply: ArticleReply) => {
      adopt(reply);
      markLoaded();
      halted.current = false;
      changes.current = 0;
      setSave({ kind: "saved", at: new Date() });
    },
    [adopt, markLoaded],
  );

  const halt = useCallback(() => {
    halted.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // The timer must not outlive the screen.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // Signed in again after the session ended: save what could not be saved meanwhile.
  useEffect(
    () =>
      session.subscribe((state) => {
        if (state.status === "signed-in" && saveKind.current === "error") void saveNow();
      }),
    [saveNow],
  );

  // Leaving with unsaved changes: save first when possible, ask otherwise.
  const unsaved =
    save.kind === "pending" ||
    save.kind === "saving" ||
    save.kind === "invalid" ||
    save.kind === "error" ||
    save.kind === "conflict";
  useEffect(() => {
    if (!unsaved) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", beforeUnload);
    const removeGuard = setLeaveGuard(() => {
      if (save.kind === "pending" && !halted.current) {
        void saveNow();
        return true;
      }
      if (save.kind === "saving") return true;
      return window.confirm(
        "This article has changes that are not saved. Leave anyway and lose them?",
      );
    });
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      removeGuard();
    };
  }, [unsaved, save.kind, saveNow]);

  return {
    server,
    serverRef,
    adopt,
    save,
    setSave,
    fieldIssues,
    blockProblems,
    showIssues,
    saveNow,
    changed,
    changeCount: () => changes.current,
    halt,
    resetToServer,
    markLoaded,
    unsaved,
  };
}
