import { Editor } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  type ArticleKind,
  type ArticleStatus,
  blockText,
  can,
  inlineText,
  slugify,
} from "../../content/index.js";
import { CreditDialog } from "../components/credit-dialog.js";
import { Dialog } from "../components/dialog.js";
import { Icon } from "../components/icons.js";
import { MediaPicker } from "../components/media-picker.js";
import { Notice } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { ApiError, type FieldIssue } from "../lib/api.js";
import { formatDateTime } from "../lib/format.js";
import type { ReferenceData } from "../lib/reference.js";
import { articles } from "../lib/resources.js";
import { Link, navigate, setLeaveGuard } from "../lib/router.js";
import { type SessionUser, session } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import type { AdminMedia, ArticleReply, Correction } from "../lib/types.js";
import { SlashMenu } from "./block-menus.js";
import { blocksToDoc, docToBlocks } from "./convert.js";
import { CorrectionsPanel } from "./corrections.js";
import { createEditorEnv } from "./env.js";
import { editorExtensions } from "./extensions/index.js";
import type { SlashController } from "./extensions/slash.js";
import { HistoryDialog } from "./history.js";
import {
  type ArticleMeta,
  FIELD_NAMES,
  metaOf,
  newMeta,
  prepareEdit,
  splitIssues,
} from "./meta.js";
import { ConfirmDialog, PublishControls } from "./publish.js";
import { type SaveState, SaveStatus } from "./save-status.js";
import { SidePanel } from "./side-panel.js";
import { LinkDialog, Toolbar } from "./toolbar.js";
import { blockViews } from "./views/index.js";

/** The modifier key as this computer's keyboard labels it. */
const MOD =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl+";

/** How long typing must pause before the article is saved. */
export const AUTOSAVE_DELAY_MS = 1500;

interface ArticleEditorProps {
  initial: ArticleReply | null;
  /** What a new one is (`initial` null): an article unless it is a page. */
  kind?: ArticleKind;
  user: SessionUser;
  reference: ReferenceData;
  onCreated: (id: string) => void;
}

/** What the problem list calls each kind of block. */
const NODE_LABELS: Record<string, string> = {
  paragraph: "paragraph",
  heading: "heading",
  bulletList: "list",
  orderedList: "list",
  quote: "quotation",
  image: "image",
  video: "video",
  commentary: "commentary",
  tracker: "tracker",
  ad: "ad slot",
  horizontalRule: "divider",
  legacyHtml: "imported HTML",
};

/** What the API would refuse a save for, said as the writer can act on it. */
function describeProblems(fieldIssues: FieldIssue[], blockCount: number): string {
  const parts = fieldIssues.map(
    (i) => `${FIELD_NAMES[i.path.split(".")[0] ?? ""] ?? i.path}: ${i.message}`,
  );
  if (blockCount > 0)
    parts.push(
      blockCount === 1 ? "1 block needs attention" : `${blockCount} blocks need attention`,
    );
  return parts.join("; ");
}

/** The article editor: headline, dek, the block body, settings, autosave and the workflow. */
export function ArticleEditor({
  initial,
  kind: newKind = "article",
  user,
  reference,
  onCreated,
}: ArticleEditorProps) {
  const [server, setServer] = useState<ArticleReply | null>(initial);
  const [meta, setMeta] = useState<ArticleMeta>(() =>
    initial
      ? metaOf(initial.article)
      : newMeta({
          kind: newKind,
          sectionId: reference.sections[0]?.id ?? "",
          authorId: user.personId,
        }),
  );
  // Pages live at /<slug> and are listed under /pages in this app.
  const isPage = meta.kind === "page";
  const noun = isPage ? "page" : "article";
  const sitePath = (slug: string) => (isPage ? `/${slug}` : `/articles/${slug}`);
  const listPath = isPage ? "/pages" : "/articles";
  const [save, setSave] = useState<SaveState>({ kind: initial ? "saved" : "new", at: null });
  const [fieldIssues, setFieldIssues] = useState<FieldIssue[]>([]);
  const [blockProblems, setBlockProblems] = useState<number[]>([]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [picker, setPicker] = useState<{
    resolve: (item: AdminMedia | null) => void;
    title: string;
  } | null>(null);
  const [creditItem, setCreditItem] = useState<{
    item: AdminMedia;
    resolve: (saved: AdminMedia | null) => void;
  } | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [preview, setPreview] = useState<{ url: string; expiresAt: string } | null>(null);
  const [featured, setFeatured] = useState<AdminMedia | undefined>(undefined);
  const mount = useRef<HTMLDivElement>(null);
  const headlineRef = useRef<HTMLTextAreaElement>(null);

  // Refs for the save loop, which runs outside render.
  const metaRef = useRef(meta);
  metaRef.current = meta;
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
  const readOnly = server ? !server.can.edit : false;
  const status: ArticleStatus = server?.article.status ?? "draft";
  useTitle(meta.headline.trim() ? meta.headline : `New ${noun}`);

  const slash = useMemo<SlashController>(() => ({ onKey: null }), []);
  const env = useMemo(
    () =>
      createEditorEnv({
        pickMedia: () => new Promise((resolve) => setPicker({ resolve, title: "Choose an image" })),
        editCredit: (item) => new Promise((resolve) => setCreditItem({ item, resolve })),
      }),
    [],
  );
  env.trackers = reference.trackers;
  env.readOnly = readOnly;

  /** Checks the article now; shows what keeps it from being saved. Returns the edit if valid. */
  const check = useCallback(() => {
    if (!env.editor) return null;
    const prepared = prepareEdit(metaRef.current, env.editor.getJSON());
    if (prepared.ok) {
      setFieldIssues([]);
      setBlockProblems([]);
      env.setIssues(new Map());
      return prepared;
    }
    setFieldIssues(prepared.fieldIssues);
    setBlockProblems([...prepared.blockIssues.keys()].sort((a, b) => a - b));
    env.setIssues(prepared.blockIssues);
    return prepared;
  }, [env]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (halted.current || !env.editor) return false;
    if (saving.current) {
      // A save is on its way; the change counter makes it run again after.
      return false;
    }
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
      serverRef.current = reply;
      baseline.current = sending;
      setServer(reply);
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
        setFieldIssues([issue]);
        setSave({ kind: "invalid", message: describeProblems([issue], 0) });
      } else if (error instanceof ApiError && error.issues.length > 0) {
        const split = splitIssues(error.issues, prepared.nodeIndex);
        setFieldIssues(split.fieldIssues);
        setBlockProblems([...split.blockIssues.keys()]);
        env.setIssues(split.blockIssues);
        setSave({
          kind: "invalid",
          message: describeProblems(split.fieldIssues, split.blockIssues.size),
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
      if (changes.current !== seen && !halted.current) schedule();
    }
  }, [check, env, onCreated]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
  }, [saveNow]);

  const changed = useCallback(() => {
    if (halted.current) return;
    changes.current++;
    setSave((s) => (s.kind === "saving" ? s : { kind: "pending" }));
    schedule();
  }, [schedule]);

  const change = (patch: Partial<ArticleMeta>) => {
    const next = { ...metaRef.current, ...patch };
    if (patch.headline !== undefined && next.slugFollowsHeadline)
      next.slug = slugify(patch.headline);
    metaRef.current = next;
    setMeta(next);
    changed();
  };

  // The TipTap editor lives as long as this screen.
  useEffect(() => {
    if (!mount.current) return;
    const instance = new Editor({
      element: mount.current,
      extensions: editorExtensions(blockViews(env), slash),
      content: blocksToDoc(initial?.article.body ?? []),
      editable: !readOnly,
      editorProps: {
        attributes: {
          class: "prose",
          "aria-label": "Article body",
          "aria-multiline": "true",
          role: "textbox",
          spellcheck: "true",
        },
      },
      onUpdate: () => changed(),
    });
    env.editor = instance;
    if (initial) {
      const loaded = prepareEdit(metaRef.current, instance.getJSON());
      if (loaded.ok) baseline.current = JSON.stringify(loaded.edit);
    }
    setEditor(instance);
    return () => {
      env.editor = null;
      instance.destroy();
    };
  }, []);

  useEffect(() => {
    // Without emitting an update: becoming editable is not a change to save.
    editor?.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  // Signed in again after the session ended: save what could not be saved meanwhile.
  useEffect(
    () =>
      session.subscribe((state) => {
        if (state.status === "signed-in" && saveKind.current === "error") void saveNow();
      }),
    [saveNow],
  );

  // New articles start at the headline.
  useEffect(() => {
    if (!initial) headlineRef.current?.focus();
  }, [initial]);

  // The featured image's details, for its preview.
  useEffect(() => {
    if (!meta.featuredImageId) return setFeatured(undefined);
    const known = env.media(meta.featuredImageId);
    if (known) return setFeatured(known);
    return env.subscribe(() => setFeatured(env.media(meta.featuredImageId ?? "")));
  }, [env, meta.featuredImageId]);

  // Ctrl/Cmd+S saves now; Ctrl/Cmd+K links the selection.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        if (!readOnly) void saveNow().then((ok) => ok && toast("Saved"));
      } else if (
        key === "k" &&
        editor &&
        editor.view.dom.contains(document.activeElement) &&
        !readOnly
      ) {
        event.preventDefault();
        setLinkOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editor, readOnly, saveNow]);

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

  const transition = async (to: ArticleStatus, publishedAt?: string): Promise<string | null> => {
    if (changes.current > 0 && save.kind !== "saved") {
      const ok = await saveNow();
      if (!ok) return "Save the article first: fix what the editor points out, then try again.";
    }
    const current = serverRef.current;
    if (!current) return "Save the article first (it needs a headline).";
    try {
      const reply = await articles.transition(current.article.id, to, current.version, publishedAt);
      serverRef.current = reply;
      setServer(reply);
      const messages: Partial<Record<ArticleStatus, string>> = {
        in_review: "Sent for review. An editor will take it from here.",
        scheduled: `Scheduled for ${formatDateTime(reply.article.publishedAt ?? publishedAt ?? "")}.`,
        published: "Published. It is on the site now.",
        unpublished: "Unpublished. Readers can no longer see it.",
        draft: "Back to draft.",
      };
      toast(messages[to] ?? "Status changed.");
      return null;
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.code === "MH_STALE") {
          halted.current = true;
          setSave({ kind: "conflict", message: error.message });
        }
        const issue = error.issues.find((i) => i.path === "publishedAt");
        if (issue) return `Publication time: ${issue.message}`;
        if (error.issues.length > 0) {
          const split = splitIssues(
            error.issues,
            docToBlocks(env.editor?.getJSON() ?? { type: "doc" }).nodeIndex,
          );
          setFieldIssues(split.fieldIssues);
          env.setIssues(split.blockIssues);
          setBlockProblems([...split.blockIssues.keys()]);
          return `This article cannot be ${to === "scheduled" ? "scheduled" : "published"} yet: ${describeProblems(split.fieldIssues, split.blockIssues.size)}.`;
        }
        return error.message;
      }
      return "The server did not answer. Try again.";
    }
  };

  const resetBaseline = () => {
    const instance = env.editor;
    const now = instance ? prepareEdit(metaRef.current, instance.getJSON()) : null;
    baseline.current = now?.ok ? JSON.stringify(now.edit) : null;
  };

  const restore = async (revisionId: string): Promise<string | null> => {
    const current = serverRef.current;
    if (!current) return "Nothing to restore.";
    try {
      const reply = await articles.restore(current.article.id, revisionId, current.version);
      serverRef.current = reply;
      setServer(reply);
      const restored = metaOf(reply.article);
      metaRef.current = restored;
      setMeta(restored);
      env.editor?.commands.setContent(blocksToDoc(reply.article.body), { emitUpdate: false });
      resetBaseline();
      changes.current = 0;
      setSave({ kind: "saved", at: new Date() });
      toast("Version restored.");
      return null;
    } catch (error) {
      return error instanceof ApiError ? error.message : "The server did not answer. Try again.";
    }
  };

  const reloadTheirs = async () => {
    const current = serverRef.current;
    if (!current) return;
    const reply = await articles.get(current.article.id);
    serverRef.current = reply;
    setServer(reply);
    const theirs = metaOf(reply.article);
    metaRef.current = theirs;
    setMeta(theirs);
    env.editor?.commands.setContent(blocksToDoc(reply.article.body), { emitUpdate: false });
    resetBaseline();
    halted.current = false;
    changes.current = 0;
    setSave({ kind: "saved", at: new Date() });
  };

  const openPreview = async () => {
    if (save.kind !== "saved") await saveNow();
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

  const myText = () => {
    const body = docToBlocks(env.editor?.getJSON() ?? { type: "doc" }).blocks;
    return [
      meta.headline,
      meta.dek,
      ...body.map((b) =>
        b.type === "quote" ? `“${inlineText(b.content)}” — ${b.speaker}` : blockText(b),
      ),
    ]
      .filter((t) => t.trim() !== "")
      .join("\n\n");
  };

  const focusBlock = (index: number) => {
    const instance = env.editor;
    if (!instance || index >= instance.state.doc.childCount) return;
    let pos = 0;
    for (let i = 0; i < index; i++) pos += instance.state.doc.child(i).nodeSize;
    const dom = instance.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) {
      dom.scrollIntoView({ block: "center" });
      const field = dom.querySelector<HTMLElement>("[aria-invalid=true], input, select");
      if (field) field.focus();
      else
        instance
          .chain()
          .focus()
          .setTextSelection(pos + 1)
          .run();
    }
  };

  const issue = (field: string) => fieldIssues.find((i) => i.path === field)?.message ?? null;
  const allowed = server?.can.transitions ?? [];
  const publicPath =
    server && (status === "published" || status === "scheduled")
      ? sitePath(server.article.slug)
      : null;
  const userMayPublishSomething =
    can(user.role, "article.publish.own") || can(user.role, "article.publish.any");
  const noByline = !server && !user.personId && !can(user.role, "article.edit.any");

  return (
    <div class="editor-screen">
      <div class="editor-topbar">
        <div class="editor-topbar-start">
          <Link href={listPath} class="back-link">
            <span aria-hidden="true">←</span> {isPage ? "Pages" : "Articles"}
          </Link>
          <StatusBadge status={status} />
          {status === "scheduled" && server?.article.publishedAt ? (
            <span class="topbar-note">for {formatDateTime(server.article.publishedAt)}</span>
          ) : null}
          <SaveStatus state={save} onRetry={() => void saveNow()} />
        </div>
        <div class="editor-topbar-actions">
          {server ? (
            <button type="button" class="button button-quiet" onClick={() => setHistoryOpen(true)}>
              <Icon name="history" />
              History
            </button>
          ) : null}
          {server && status === "published" ? (
            <a
              class="button button-quiet"
              href={sitePath(server.article.slug)}
              target="_blank"
              rel="noopener"
            >
              <Icon name="external" />
              View on site
            </a>
          ) : server && (server.can.edit || server.can.publish) ? (
            <button type="button" class="button button-quiet" onClick={() => void openPreview()}>
              <Icon name="eye" />
              Preview
            </button>
          ) : null}
          {!server && !readOnly ? (
            <span class="topbar-note">
              {userMayPublishSomething
                ? "Publish once it is saved."
                : "Submit for review once it is saved."}
            </span>
          ) : null}
          <PublishControls
            status={status}
            publishedAt={server?.article.publishedAt ?? null}
            allowed={allowed}
            transition={transition}
            disabled={save.kind === "conflict"}
          />
        </div>
        {/* In the sticky bar: seen wherever the writer is in the text. */}
        <div class="topbar-alert">
          {save.kind === "conflict" ? (
            <Notice
              kind="error"
              title="Someone else saved this article while you were editing"
              live
            >
              <p>
                Your latest changes are <strong>not saved</strong>, and nothing of theirs was
                overwritten. Copy your text to keep it, then load their version and apply your
                changes again.
              </p>
              <div class="button-row">
                <button type="button" class="button" onClick={() => setCopyOpen(true)}>
                  Copy my text
                </button>
                <button
                  type="button"
                  class="button button-primary"
                  onClick={() => void reloadTheirs()}
                >
                  Load their version
                </button>
              </div>
            </Notice>
          ) : null}
        </div>
      </div>

      <div class="editor-columns">
        <div class="editor-main">
          <h1 class="visually-hidden">
            {server ? `Edit article: ${meta.headline || "untitled"}` : "New article"}
          </h1>
          {readOnly ? (
            <Notice kind="info" title="You can read this article but not change it">
              {status === "draft" || status === "in_review"
                ? "Only its authors and editors may edit it."
                : `It is ${status === "scheduled" ? "scheduled" : status}: changing it needs publish rights on it. Ask an editor.`}
            </Notice>
          ) : null}
          {noByline ? (
            <Notice kind="warning" title="Your account has no byline">
              Articles need an author, and yours is not linked to a person in People. Ask the owner
              to link it before you write.
            </Notice>
          ) : null}
          {(fieldIssues.length > 0 || blockProblems.length > 0) && save.kind === "invalid" ? (
            <section class="problems" aria-label="What keeps this article from saving">
              <p class="problems-title">Not saved yet. Fix these and it saves by itself:</p>
              <ul>
                {fieldIssues.map((i) => (
                  <li key={i.path + i.message}>
                    <strong>{FIELD_NAMES[i.path.split(".")[0] ?? ""] ?? i.path}:</strong>{" "}
                    {i.message}
                  </li>
                ))}
                {blockProblems.map((index) => (
                  <li key={`block-${index}`}>
                    <button type="button" class="link-button" onClick={() => focusBlock(index)}>
                      Go to block {index + 1} (
                      {NODE_LABELS[editor?.state.doc.maybeChild(index)?.type.name ?? ""] ?? "block"}
                      )
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <div class={`field field-headline${issue("headline") ? " field-invalid" : ""}`}>
            <label for="headline" class="field-label">
              Headline
            </label>
            <textarea
              id="headline"
              ref={headlineRef}
              class="headline-input"
              rows={1}
              placeholder="Write a headline"
              value={meta.headline}
              readOnly={readOnly}
              aria-invalid={issue("headline") ? true : undefined}
              aria-describedby={issue("headline") ? "headline-error" : undefined}
              onInput={(e) => {
                const el = e.currentTarget;
                // One line of text: a pasted line break becomes a space.
                change({ headline: el.value.replace(/\s*\n\s*/g, " ") });
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  document.getElementById("dek")?.focus();
                }
              }}
            />
            {issue("headline") && server ? (
              <p id="headline-error" class="field-error">
                {issue("headline")}
              </p>
            ) : null}
          </div>
          <div class={`field field-dek${issue("dek") ? " field-invalid" : ""}`}>
            <label for="dek" class="field-label">
              Dek <span class="field-optional">— one or two sentences under the headline</span>
            </label>
            <textarea
              id="dek"
              class="dek-input"
              rows={2}
              placeholder={
                isPage ? "What readers find on this page" : "What happened, and why it matters"
              }
              value={meta.dek}
              readOnly={readOnly}
              aria-invalid={issue("dek") ? true : undefined}
              aria-describedby={issue("dek") ? "dek-error" : undefined}
              onInput={(e) => change({ dek: e.currentTarget.value.replace(/\s*\n\s*/g, " ") })}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  editor?.commands.focus("start");
                }
              }}
            />
            {issue("dek") ? (
              <p id="dek-error" class="field-error">
                {issue("dek")}
              </p>
            ) : null}
          </div>

          <div class="body-editor">
            <p class="field-label" id="body-label">
              Body
              <span class="field-optional"> — type / for quotes, images, videos and more</span>
            </p>
            {editor && !readOnly ? (
              <Toolbar editor={editor} env={env} onLink={() => setLinkOpen(true)} />
            ) : null}
            <div ref={mount} class="editor-mount" />
            {editor ? <SlashMenu editor={editor} env={env} controller={slash} /> : null}
            {!readOnly ? (
              <p class="shortcuts">
                <kbd>/</kbd> inserts a block · <kbd>{MOD}B</kbd> bold · <kbd>{MOD}I</kbd> italic ·{" "}
                <kbd>{MOD}K</kbd> link · <kbd>{MOD}S</kbd> saves now · Tab moves through a block's
                fields
              </p>
            ) : null}
          </div>
        </div>

        <div class="editor-side-column">
          <SidePanel
            meta={meta}
            change={change}
            issues={fieldIssues}
            reference={reference}
            user={user}
            readOnly={readOnly}
            featured={featured}
            pickFeatured={() =>
              setPicker({
                title: "Choose the featured image",
                resolve: (item) => {
                  if (item) {
                    env.rememberMedia(item);
                    change({ featuredImageId: item.id });
                  }
                },
              })
            }
            publicPath={publicPath}
          />
          {server && status === "published" ? (
            <CorrectionsPanel
              articleId={server.article.id}
              notes={server.corrections}
              mayAdd={server.can.publish}
              onAdded={(note: Correction) => {
                setServer({ ...server, corrections: [...server.corrections, note] });
                toast("Note added. It shows on the article now.");
              }}
            />
          ) : null}
          {preview ? (
            <section class="side-section" aria-labelledby="preview-heading">
              <h2 class="side-heading" id="preview-heading">
                Preview link
              </h2>
              <p class="field-hint">
                Anyone with this link can read the article as it is now, until{" "}
                {formatDateTime(preview.expiresAt)}.
              </p>
              <input
                class="copy-field"
                readOnly
                value={preview.url}
                aria-label="Preview address"
                onFocus={(e) => e.currentTarget.select()}
              />
            </section>
          ) : null}
          {server?.can.delete ? (
            <section class="side-section side-danger">
              <button
                type="button"
                class="button button-danger-quiet button-small"
                onClick={() => setDeleteOpen(true)}
              >
                Delete {noun}
              </button>
            </section>
          ) : null}
        </div>
      </div>

      {editor ? (
        <LinkDialog
          key={String(linkOpen)}
          editor={editor}
          open={linkOpen}
          onClose={() => setLinkOpen(false)}
        />
      ) : null}
      <MediaPicker
        open={picker !== null}
        title={picker?.title}
        onPick={(item) => {
          picker?.resolve(item);
          setPicker(null);
        }}
      />
      <CreditDialog
        item={creditItem?.item ?? null}
        onClose={(saved) => {
          creditItem?.resolve(saved);
          setCreditItem(null);
          if (saved) toast("Image details saved.");
        }}
      />
      {server ? (
        <HistoryDialog
          open={historyOpen}
          articleId={server.article.id}
          currentVersion={server.version}
          mayRestore={server.can.edit}
          onClose={() => setHistoryOpen(false)}
          restore={restore}
        />
      ) : null}
      <ConfirmDialog
        open={deleteOpen}
        title={`Delete this ${noun}?`}
        body="It is removed with its history. This cannot be undone."
        confirm={`Delete ${noun}`}
        danger
        onClose={() => setDeleteOpen(false)}
        onConfirm={async () => {
          const current = serverRef.current;
          if (!current) return null;
          try {
            await articles.remove(current.article.id, current.version);
            halted.current = true;
            setSave({ kind: "saved", at: new Date() });
            toast(isPage ? "Page deleted." : "Article deleted.");
            setTimeout(() => navigate(listPath), 0);
            return null;
          } catch (error) {
            return error instanceof ApiError ? error.message : `The ${noun} could not be deleted.`;
          }
        }}
      />
      {copyOpen ? <CopyTextDialog text={myText()} onClose={() => setCopyOpen(false)} /> : null}
    </div>
  );
}

/** Shows the writer's own text with a copy button (after a conflict, before loading theirs). */
function CopyTextDialog({ text, onClose }: { text: string; onClose: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <Dialog
      open
      title="Your text"
      description="Copy it somewhere safe, then load their version and apply your changes again."
      onClose={onClose}
      footer={
        <>
          <span role="status" class="muted">
            {copied === true
              ? "Copied to the clipboard."
              : copied === false
                ? "Select the text and copy it by hand."
                : ""}
          </span>
          <button type="button" class="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            class="button button-primary"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(text);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            Copy
          </button>
        </>
      }
    >
      <textarea
        class="copy-area"
        readOnly
        rows={14}
        aria-label="Your text"
        value={text}
        onFocus={(e) => e.currentTarget.select()}
      />
    </Dialog>
  );
}
