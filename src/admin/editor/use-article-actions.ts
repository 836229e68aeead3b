// What the editor does to the stored article besides saving it: status transitions, restoring
// a version, loading the other version after a conflict, the preview link and deleting.

import { useState } from "preact/hooks";
import type { ArticleStatus, CheckOverride } from "../../content/index.js";
import { ApiError } from "../lib/api.js";
import { formatDateTime } from "../lib/format.js";
import { articles } from "../lib/resources.js";
import { navigate } from "../lib/router.js";
import { toast } from "../lib/toast.js";
import type { ArticleReply } from "../lib/types.js";
import { blocksToDoc, docToBlocks } from "./convert.js";
import type { EditorEnv } from "./env.js";
import { type ArticleMeta, metaOf } from "./meta.js";
import { describeProblems } from "./problems.js";
import type { Autosave } from "./use-autosave.js";

/** The toast after each transition. */
const TRANSITION_MESSAGES: Partial<Record<ArticleStatus, (at: string) => string>> = {
  in_review: () => "Sent for review. An editor will take it from here.",
  scheduled: (at) => `Scheduled for ${formatDateTime(at)}.`,
  published: () => "Published. It is on the site now.",
  unpublished: () => "Unpublished. Readers can no longer see it.",
  draft: () => "Back to draft.",
};

/** The editor's workflow actions; each returns an error message for its dialog, or null. */
export function useArticleActions({
  autosave,
  env,
  setMetaNow,
  noun,
  listPath,
}: {
  autosave: Autosave;
  env: EditorEnv;
  /** Replaces the fields on screen (without counting it as a change). */
  setMetaNow: (meta: ArticleMeta) => void;
  noun: "article" | "page";
  listPath: string;
}) {
  const [preview, setPreview] = useState<{ url: string; expiresAt: string } | null>(null);
  // Once the writer has tried to move the article on, every field's message shows.
  const [attempted, setAttempted] = useState(false);
  const { serverRef, adopt, saveNow, setSave } = autosave;

  /** Shows a reply's version on screen as what is saved. */
  const showServerVersion = (reply: ArticleReply) => {
    setMetaNow(metaOf(reply.article));
    env.editor?.commands.setContent(blocksToDoc(reply.article.body), { emitUpdate: false });
    autosave.resetToServer(reply);
  };

  const transition = async (
    to: ArticleStatus,
    publishedAt?: string,
    overrides?: readonly CheckOverride[],
  ): Promise<string | null> => {
    if (to !== "draft") setAttempted(true);
    if (autosave.changeCount() > 0 && autosave.save.kind !== "saved") {
      const ok = await saveNow();
      if (!ok) return "Save the article first: fix what the editor points out, then try again.";
    }
    const current = serverRef.current;
    if (!current) return "Save the article first (it needs a headline).";
    try {
      const reply = await articles.transition(
        current.article.id,
        to,
        current.version,
        publishedAt,
        overrides,
      );
      adopt(reply);
      toast(
        TRANSITION_MESSAGES[to]?.(reply.article.publishedAt ?? publishedAt ?? "") ??
          "Status changed.",
      );
      return null;
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.code === "MH_STALE") {
          autosave.halt();
          setSave({ kind: "conflict", message: error.message });
        }
        const issue = error.issues.find((i) => i.path === "publishedAt");
        if (issue) return `Publication time: ${issue.message}`;
        if (error.issues.length > 0) {
          const shown = autosave.showIssues(
            error.issues,
            docToBlocks(env.editor?.getJSON() ?? { type: "doc" }).nodeIndex,
          );
          return `This article cannot be ${to === "scheduled" ? "scheduled" : "published"} yet: ${describeProblems(shown.fieldIssues, shown.blockCount)}.`;
        }
        return error.message;
      }
      return "The server did not answer. Try again.";
    }
  };

  const restore = async (revisionId: string): Promise<string | null> => {
    const current = serverRef.current;
    if (!current) return "Nothing to restore.";
    try {
      const reply = await articles.restore(current.article.id, revisionId, current.version);
      showServerVersion(reply);
      toast("Version restored.");
      return null;
    } catch (error) {
      return error instanceof ApiError ? error.message : "The server did not answer. Try again.";
    }
  };

  const reloadTheirs = async () => {
    const current = serverRef.current;
    if (!current) return;
    showServerVersion(await articles.get(current.article.id));
  };

  const openPreview = async () => {
    if (autosave.save.kind !== "saved") await saveNow();
    const current = serverRef.current;
    if (!current) return toast("Add a headline first: a preview needs a saved article.", "error");
    try {
      const link = await articles.preview(current.article.id);
      setPreview(link);
      window.open(link.url, "_blank", "noopener");
    } catch (error) {
      toast(
        error instanceof ApiError ? error.message : "The preview link could not be made.",
        "error",
      );
    }
  };

  const remove = async (): Promise<string | null> => {
    const current = serverRef.current;
    if (!current) return null;
    try {
      await articles.remove(current.article.id, current.version);
      autosave.halt();
      setSave({ kind: "saved", at: new Date() });
      toast(noun === "page" ? "Page deleted." : "Article deleted.");
      setTimeout(() => navigate(listPath), 0);
      return null;
    } catch (error) {
      return error instanceof ApiError ? error.message : `The ${noun} could not be deleted.`;
    }
  };

  return { transition, restore, reloadTheirs, openPreview, preview, remove, attempted };
}
