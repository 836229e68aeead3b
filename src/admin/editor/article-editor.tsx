import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type ArticleKind, type ArticleStatus, can, slugify } from "../../content/index.js";
import { CreditDialog } from "../components/credit-dialog.js";
import { MediaPicker } from "../components/media-picker.js";
import { Notice } from "../components/notice.js";
import { formatDateTime } from "../lib/format.js";
import { type ReferenceData, useRefreshOnReturn } from "../lib/reference.js";
import { trackers as trackersApi } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import type { AdminMedia, ArticleReply } from "../lib/types.js";
import { SlashMenu } from "./block-menus.js";
import { CopyTextDialog, plainTextOf } from "./copy-text.js";
import { EditorTopbar } from "./editor-topbar.js";
import { createEditorEnv, type MediaKind } from "./env.js";
import type { SlashController } from "./extensions/slash.js";
import { HistoryDialog } from "./history.js";
import { type ArticleMeta, metaOf, newMeta } from "./meta.js";
import { GapNotes, gapsOf, ProblemList } from "./problems.js";
import { ConfirmDialog } from "./publish.js";
import { SideColumn } from "./side-column.js";
import { TitleFields } from "./title-fields.js";
import { LinkDialog, Toolbar } from "./toolbar.js";
import { useArticleActions } from "./use-article-actions.js";
import { useAutosave } from "./use-autosave.js";
import { useBodyEditor } from "./use-body-editor.js";
import { MOD, useEditorKeys } from "./use-editor-keys.js";
import { useLocalDraft } from "./use-local-draft.js";

export { AUTOSAVE_DELAY_MS } from "./use-autosave.js";

interface ArticleEditorProps {
  initial: ArticleReply | null;
  /** What a new one is (`initial` null): an article unless it is a page. */
  kind?: ArticleKind;
  user: SessionUser;
  reference: ReferenceData;
  onCreated: (id: string) => void;
}

/**
 * The article editor: headline, dek, the block body, settings, autosave and the workflow. Its
 * parts live beside it: the save loop (use-autosave.ts), the workflow actions
 * (use-article-actions.ts), the top bar, the title fields, the side column and the problem list.
 */
/** The picker's title for each kind of media a block asks for. */
const PICK_TITLE: Record<MediaKind, string> = {
  image: "Choose an image",
  audio: "Choose a sound file",
  video: "Choose a video file",
  document: "Choose a PDF document",
  captions: "Choose a captions file (WebVTT)",
};

export function ArticleEditor({
  initial,
  kind: newKind = "article",
  user,
  reference,
  onCreated,
}: ArticleEditorProps) {
  const [meta, setMeta] = useState<ArticleMeta>(() =>
    initial
      ? metaOf(initial.article)
      : newMeta({
          kind: newKind,
          // No section is chosen for the writer: whichever sorts first is rarely the right one.
          sectionId: "",
          authorId: user.personId,
        }),
  );
  // Pages live at /<slug> and are listed under /pages in this app.
  const isPage = meta.kind === "page";
  const noun = isPage ? "page" : "article";
  const sitePath = (slug: string) => (isPage ? `/${slug}` : `/articles/${slug}`);
  const listPath = isPage ? "/pages" : "/articles";
  const [picker, setPicker] = useState<{
    resolve: (item: AdminMedia | null) => void;
    title: string;
    kind: MediaKind;
  } | null>(null);
  const [creditItem, setCreditItem] = useState<{
    item: AdminMedia;
    resolve: (saved: AdminMedia | null) => void;
  } | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [featured, setFeatured] = useState<AdminMedia | undefined>(undefined);
  const mount = useRef<HTMLDivElement>(null);
  const headlineRef = useRef<HTMLTextAreaElement>(null);

  // The fields as typed, for the save loop, which runs outside render.
  const metaRef = useRef(meta);
  metaRef.current = meta;
  const setMetaNow = useCallback((next: ArticleMeta) => {
    metaRef.current = next;
    setMeta(next);
  }, []);

  const slash = useMemo<SlashController>(() => ({ onKey: null }), []);
  const env = useMemo(
    () =>
      createEditorEnv({
        pickMedia: (kind = "image") =>
          new Promise((resolve) => setPicker({ resolve, title: PICK_TITLE[kind], kind })),
        editCredit: (item) => new Promise((resolve) => setCreditItem({ item, resolve })),
        // The same minimum the Trackers screen asks: a title, its slug, no description yet.
        ...(can(user.role, "trackers.manage")
          ? {
              createTracker: async (title: string) =>
                (await trackersApi.create({ title, slug: slugify(title), description: [] })).id,
            }
          : {}),
      }),
    // Made once: the editor holds it for the screen's life, and a session's role is fixed
    // until sign-out, which leaves the screen.
    [],
  );

  const autosave = useAutosave({ initial, env, metaRef, onCreated });
  const { server, save, saveNow, changed, fieldIssues, blockProblems } = autosave;
  const readOnly = server ? !server.can.edit : false;
  const status: ArticleStatus = server?.article.status ?? "draft";
  env.readOnly = readOnly;
  // The tracker blocks redraw when the list is loaded again (a tracker made in another tab).
  useEffect(() => {
    env.trackers = reference.trackers;
    env.notify();
  }, [env, reference.trackers]);
  useTitle(meta.headline.trim() ? meta.headline : `New ${noun}`);

  useRefreshOnReturn();
  const actions = useArticleActions({ autosave, env, setMetaNow, noun, listPath });
  const local = useLocalDraft({
    userId: user.id,
    articleId: server?.article.id ?? null,
    newKind,
    baseVersion: server?.version ?? null,
    env,
    metaRef,
    save,
    enabled: !readOnly,
  });

  // Messages under a field wait until the writer has been there (or tried to publish): a new
  // article is not a list of errors.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const touch = useCallback(
    (...fields: string[]) =>
      setTouched((t) => (fields.every((f) => t.has(f)) ? t : new Set([...t, ...fields]))),
    [],
  );
  const revealAll = actions.attempted;
  const shownIssues = fieldIssues.filter(
    (i) => revealAll || touched.has(i.path.split(".")[0] ?? ""),
  );

  const edited = () => {
    changed();
    local.noteChange();
  };
  const change = (patch: Partial<ArticleMeta>) => {
    const next = { ...metaRef.current, ...patch };
    if (patch.headline !== undefined && next.slugFollowsHeadline)
      next.slug = slugify(patch.headline);
    setMetaNow(next);
    touch(...Object.keys(patch));
    edited();
  };

  /** Puts the copy kept in this browser back on screen; autosave takes it from there. */
  const restoreLocal = () => {
    const kept = local.offer;
    if (!kept) return;
    setMetaNow({ ...metaRef.current, ...kept.meta, kind: metaRef.current.kind });
    env.editor?.commands.setContent(kept.doc, { emitUpdate: false });
    local.accepted();
    edited();
  };

  const editor = useBodyEditor({
    mount,
    env,
    slash,
    body: initial?.article.body ?? [],
    readOnly,
    onChange: () => edited(),
    onReady: (instance) => {
      if (initial) autosave.markLoaded();
      local.dropIfSame(metaRef.current, instance.getJSON());
    },
  });
  const openLink = useCallback(() => setLinkOpen(true), []);
  useEditorKeys({ editor, readOnly, saveNow, openLink });

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

  const issue = (field: string) => shownIssues.find((i) => i.path === field)?.message ?? null;
  const publicPath =
    server && (status === "published" || status === "scheduled")
      ? sitePath(server.article.slug)
      : null;
  // The address readers knew, from when it was (last seen) published: changing it makes a redirect.
  const publishedSlug = useRef<string | null>(null);
  if (status !== "published") publishedSlug.current = null;
  else if (publishedSlug.current === null && server) publishedSlug.current = server.article.slug;
  const noByline = !server && !user.personId && !can(user.role, "article.edit.any");

  return (
    <div class="editor-screen">
      <EditorTopbar
        server={server}
        status={status}
        save={save}
        user={user}
        readOnly={readOnly}
        isPage={isPage}
        listPath={listPath}
        sitePath={sitePath}
        saveNow={() => void saveNow()}
        openHistory={() => setHistoryOpen(true)}
        openPreview={() => void actions.openPreview()}
        transition={actions.transition}
        copyMyText={() => setCopyOpen(true)}
        reloadTheirs={() => void actions.reloadTheirs()}
      />

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
          {local.offer ? (
            <Notice kind="warning" title="This browser kept changes that were not saved" live>
              <p>Restore unsaved changes from {formatDateTime(local.offer.at)}?</p>
              <div class="button-row">
                <button type="button" class="button button-primary" onClick={restoreLocal}>
                  Restore them
                </button>
                <button type="button" class="button" onClick={local.discard}>
                  Discard
                </button>
              </div>
            </Notice>
          ) : null}
          {save.kind === "saved" && status === "draft" && !local.offer ? (
            <GapNotes gaps={gapsOf(server)} editor={editor} />
          ) : null}
          {(shownIssues.length > 0 || blockProblems.length > 0) && save.kind === "invalid" ? (
            <ProblemList fieldIssues={shownIssues} blockProblems={blockProblems} editor={editor} />
          ) : null}

          <TitleFields
            meta={meta}
            change={change}
            issue={issue}
            readOnly={readOnly}
            isPage={isPage}
            headlineRef={headlineRef}
            touch={touch}
            focusBody={() => editor?.commands.focus("start")}
          />

          <div class="body-editor">
            <p class="field-label" id="body-label">
              Body
              <span class="field-optional"> — type / for quotes, images, videos and more</span>
            </p>
            {editor && !readOnly ? <Toolbar editor={editor} env={env} onLink={openLink} /> : null}
            <div ref={mount} class="editor-mount" />
            {editor && !readOnly ? (
              // A click below the text goes to its end (the trailing empty paragraph); keyboard
              // users reach it with the arrow keys, so this area is for the mouse only.
              <div
                class="editor-tail"
                aria-hidden="true"
                onMouseDown={(e) => {
                  e.preventDefault();
                  editor.chain().focus("end").run();
                }}
              />
            ) : null}
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

        <SideColumn
          meta={meta}
          change={change}
          issues={shownIssues}
          reference={reference}
          user={user}
          readOnly={readOnly}
          featured={featured}
          pickFeatured={() =>
            setPicker({
              title: "Choose the featured image",
              kind: "image",
              resolve: (item) => {
                if (item) {
                  env.rememberMedia(item);
                  change({ featuredImageId: item.id });
                }
              },
            })
          }
          server={server}
          status={status}
          publicPath={publicPath}
          publishedSlug={publishedSlug.current}
          adopt={autosave.adopt}
          preview={actions.preview}
          noun={noun}
          askDelete={() => setDeleteOpen(true)}
        />
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
        kind={picker?.kind}
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
          restore={actions.restore}
        />
      ) : null}
      <ConfirmDialog
        open={deleteOpen}
        title={`Delete this ${noun}?`}
        body="It is removed with its history. This cannot be undone."
        confirm={`Delete ${noun}`}
        danger
        onClose={() => setDeleteOpen(false)}
        onConfirm={actions.remove}
      />
      {copyOpen ? (
        <CopyTextDialog
          text={plainTextOf(meta, env.editor?.getJSON() ?? { type: "doc" })}
          onClose={() => setCopyOpen(false)}
        />
      ) : null}
    </div>
  );
}
