// One WordPress post or page as one Masthead article or page, with its comments, its images and
// its old addresses, written in one transaction: a failure leaves nothing of it behind.
import { createHash } from "node:crypto";
import {
  ARTICLE_TYPES,
  type ArticleInput,
  ArticleInputSchema,
  type ArticleType,
  type Block,
  BODY_MAX_BLOCKS,
  CanonicalUrlSchema,
  DEK_MAX_LENGTH,
  FEATURED_IMAGE_CAPTION_MAX_LENGTH,
  type GalleryImage,
  HEADLINE_MAX_LENGTH,
  type Inline,
  LIVE_ARTICLE_TYPE,
  META_DESCRIPTION_MAX_LENGTH,
  META_TITLE_MAX_LENGTH,
  parseOrThrow,
  pathKey,
  publicArticlePath,
  splitLink,
} from "../../content/index.js";
import {
  type ChangeAuthor,
  createPerson,
  createSection,
  createTag,
  getPersonBySlug,
  getSectionBySlug,
  getTagBySlug,
  type ImportedRecord,
  importedRecords,
  markGone,
  putImportedComments,
  recordImported,
  type Store,
  type VersionedArticle,
} from "../../store/index.js";
import { writeBatch } from "../batch.js";
import { galleryBlocks } from "../gallery.js";
import type { ImportReport } from "../report.js";
import { decideRerun } from "../rerun.js";
import { saveImportedArticle } from "../save-article.js";
import { type PlannedComments, planComments } from "./comments.js";
import {
  type AudioRef,
  type ConvertedBlock,
  convertWordPressContent,
  htmlToPlainText,
  type ImageRef,
} from "./content.js";
import { audioLinkBlocks } from "./html-flow.js";
import { isLinkback, oldItemPaths, slugOf, statusOf } from "./map.js";
import type { MediaResolver } from "./media.js";
import type { WxrItem } from "./records.js";
import type { ScanResult } from "./scan.js";
import type { TaxonomyIds } from "./taxonomy.js";

/** What every item of one run shares. */
export interface ItemContext {
  store: Store;
  source: string;
  scan: ScanResult;
  ids: TaxonomyIds;
  media: MediaResolver;
  report: ImportReport;
  actor: ChangeAuthor;
  dryRun: boolean;
  asDraft: boolean;
  overwrite: boolean;
  now: Date;
  /** Posts and pages imported by earlier runs, by source id ("post:12", "page:7"). */
  items: Map<string, ImportedRecord>;
  /** Item ids met so far in this run: a repeated id is skipped. */
  seen: Set<string>;
  /** Where images may come from (a new --media-dir can complete what an earlier run missed). */
  mediaSources: string;
  /** The old site's base path ("" at the root). */
  basePath: string;
}

const IMPORTED_TYPES = new Set(["post", "page"]);

/**
 * Bump when a change to the importer should make re-runs write every item again. 2: Yoast SEO's
 * title, description and canonical URL, and the featured image's caption, kept.
 */
const IMPORTER_VERSION = 2;

/** A hash of the item as exported and of the options that shape what it becomes. */
function sourceHash(ctx: ItemContext, item: WxrItem): string {
  return createHash("sha256")
    .update(JSON.stringify([IMPORTER_VERSION, ctx.asDraft, ctx.mediaSources, item]))
    .digest("hex");
}

/** A post or page ready to write: what it becomes, its comments and its old addresses. */
export interface PreparedItem {
  item: WxrItem;
  kind: "article" | "page";
  key: string;
  input: ArticleInput & { slug: string };
  comments: PlannedComments;
  contentHash: string;
  /** The article an earlier run made of it, when there is one. */
  existing?: VersionedArticle;
}

/**
 * Prepares one item of the export (posts and pages; every other type is reported): converts it,
 * stores its images, and decides whether it is new, changed, unchanged or to be left alone.
 * Returns undefined when there is nothing to write (the report says why).
 */
export async function prepareItem(
  ctx: ItemContext,
  exported: WxrItem,
): Promise<PreparedItem | undefined> {
  // WordPress's own importer treats an item without a post type as a post.
  const item = exported.postType ? exported : { ...exported, postType: "post" };
  const { report } = ctx;
  const entry = (reason: string) => ({
    kind: item.postType,
    id: item.id,
    title: item.title,
    reason,
  });
  if (item.postType === "attachment") return; // Imported with the posts that show them.
  if (!IMPORTED_TYPES.has(item.postType)) {
    report.skipped.push(
      entry(
        item.postType === "nav_menu_item"
          ? "navigation menus have no meaning here"
          : item.postType === "wp_block"
            ? "reusable blocks are not imported (posts that use them are reported)"
            : `post type '${item.postType}' is not imported`,
      ),
    );
    return;
  }
  const kind = item.postType === "page" ? "page" : "article";
  if (ctx.seen.has(item.id)) {
    report.counts[kind].skipped++;
    report.skipped.push(entry(`a second item with id ${item.id} in the same export`));
    return;
  }
  ctx.seen.add(item.id);

  const status = statusOf(item, { asDraft: ctx.asDraft, now: ctx.now });
  if ("skip" in status) {
    report.counts[kind].skipped++;
    report.skipped.push(entry(status.skip));
    return;
  }
  if (status.note) report.notes.push(entry(status.note));
  if (item.sticky)
    report.notes.push(
      entry("sticky in WordPress (Masthead has no pinned posts): imported as a normal post"),
    );
  for (const t of item.terms)
    if (t.domain === "post_format")
      report.notes.push(
        entry(`WordPress post format '${t.nicename.replace(/^post-format-/, "")}'`),
      );

  const key = `${item.postType}:${item.id}`;
  const earlier = ctx.items.get(key);
  // What this run would make of the item is decided by the item and the run's options: the same
  // source hash as last time means nothing to do, without converting anything.
  const contentHash = sourceHash(ctx, item);
  const decision = await decideRerun(ctx.store, earlier, contentHash, ctx.overwrite);
  if (!decision.write) {
    report.counts[kind][decision.as]++;
    if (decision.as === "skipped") report.skipped.push(entry(decision.reason));
    else report.counts.comment.unchanged += item.comments.filter((c) => !isLinkback(c)).length;
    return;
  }
  const existing = decision.existing;
  const input = await articleInput(ctx, item, kind, status);
  // Only an item imported before can have comments imported before; read just its own.
  const earlierComments = existing
    ? await importedRecords(
        ctx.store,
        ctx.source,
        "comment",
        item.comments.map((c) => c.id),
      )
    : new Map<string, ImportedRecord>();
  const comments = planComments(item, earlierComments);
  report.skipped.push(...comments.skipped);
  report.notes.push(...comments.notes);

  if (ctx.dryRun) {
    try {
      parseOrThrow(ArticleInputSchema, input, `${item.postType} ${item.id}`);
    } catch (error) {
      report.counts[kind].skipped++;
      report.skipped.push(entry(`could not be imported: ${(error as Error).message}`));
      return;
    }
    report.counts[kind][existing ? "updated" : "imported"]++;
    report.counts.comment.imported += comments.rows.length;
    report.counts.redirect.imported += oldItemPaths(item, ctx.basePath).length;
    return;
  }
  return { item, kind, key, input, comments, contentHash, existing };
}

/**
 * Writes prepared items in one transaction: each whole, with its comments, old addresses and
 * source ids. If any of them fails, each is written in a transaction of its own, so one bad
 * item is reported and the others still land.
 */
export async function writeItems(ctx: ItemContext, batch: readonly PreparedItem[]): Promise<void> {
  await writeBatch(
    {
      store: ctx.store,
      report: ctx.report,
      slugOf: (p) => p.input.slug,
      write: (tx, p, slug) => writeOne(ctx, tx, p, slug),
      counted: (p, w) => {
        const how = p.existing ? "updated" : "imported";
        ctx.report.counts[p.kind][how]++;
        ctx.report.counts.comment[how] += w.comments;
      },
      failed: (p) => void ctx.report.counts[p.kind].skipped++,
      entry: (p, reason) => ({ kind: p.item.postType, id: p.item.id, title: p.item.title, reason }),
      // WordPress keeps slugs unique per post type; Masthead's pages and articles share one set.
      fallbackSlug: (p) => (p.existing ? undefined : `${p.input.slug.slice(0, 100)}-${p.item.id}`),
    },
    batch,
  );
}

/** Writes one item inside `tx`; returns its old addresses for the batch's redirects. */
async function writeOne(ctx: ItemContext, tx: Store, p: PreparedItem, slug: string) {
  const data = { ...p.input, slug };
  const saved = await saveImportedArticle(tx, {
    data,
    existing: p.existing,
    actor: ctx.actor,
    platform: "WordPress",
    origin: `${p.item.postType} ${p.item.id}`,
  });
  await putImportedComments(tx, saved.id, p.comments.rows);
  await recordImported(tx, ctx.source, [
    {
      kind: p.kind,
      sourceId: p.key,
      targetId: saved.id,
      targetVersion: saved.version,
      contentHash: p.contentHash,
    },
    ...p.comments.records,
  ]);
  const target = publicArticlePath({ slug, kind: p.kind });
  // `/about/` is `/about` here already: only addresses that differ need a redirect.
  const old = oldItemPaths(p.item, ctx.basePath).filter((from) => {
    const { path, query } = splitLink(from);
    return query !== "" || pathKey(path) !== pathKey(target);
  });
  // A post behind a password stays unpublished: its old addresses say it is gone, not moved.
  if (p.item.password !== "") {
    await markGone(tx, old, "password-protected on the old site");
    return { redirects: [], comments: p.comments.rows.length };
  }
  return { redirects: old.map((from) => ({ from, to: target })), comments: p.comments.rows.length };
}

/** The Masthead article (or page) a WordPress item becomes. */
async function articleInput(
  ctx: ItemContext,
  item: WxrItem,
  kind: "article" | "page",
  status: { status: ArticleInput["status"]; publishedAt: string | null },
): Promise<ArticleInput & { slug: string; kind: "article" | "page" }> {
  const { report } = ctx;
  const note = (reason: string) =>
    report.notes.push({ kind: item.postType, id: item.id, title: item.title, reason });
  let headline = item.title.trim();
  if (headline === "") {
    headline = "Untitled";
    note("no title in WordPress: imported as 'Untitled'");
  } else if (headline.length > HEADLINE_MAX_LENGTH) {
    headline = `${headline.slice(0, HEADLINE_MAX_LENGTH - 1)}…`;
    note(`title longer than ${HEADLINE_MAX_LENGTH} characters: shortened`);
  }
  let dek = htmlToPlainText(item.excerpt);
  if (dek.length > DEK_MAX_LENGTH) {
    dek = `${dek.slice(0, DEK_MAX_LENGTH - 1)}…`;
    note(`excerpt longer than ${DEK_MAX_LENGTH} characters: shortened`);
  }

  const converted = convertWordPressContent(item.content);
  for (const reason of converted.legacy)
    report.legacyHtml.push({ kind: item.postType, id: item.id, title: item.title, reason });
  for (const reason of converted.notes) note(reason);
  const usedBy = `${item.postType} ${item.id} (${item.link || item.title})`;
  let body = (
    await Promise.all(converted.blocks.map((b) => resolveBlock(ctx, b, usedBy, note)))
  ).flat();
  if (body.length > BODY_MAX_BLOCKS) {
    note(`more than ${BODY_MAX_BLOCKS} blocks: the rest was left out`);
    body = body.slice(0, BODY_MAX_BLOCKS);
  }

  const thumbnail = item.meta.find((m) => m.key === "_thumbnail_id")?.value.trim();
  const featured = thumbnail
    ? await ctx.media.resolve({ attachmentId: thumbnail, src: "" }, usedBy)
    : null;
  const featuredCaption = featured?.attachment?.caption
    ? htmlToPlainText(featured.attachment.caption).slice(0, FEATURED_IMAGE_CAPTION_MAX_LENGTH)
    : "";
  const seo = yoastFields(item.meta, note);

  const categories = item.terms.filter((t) => t.domain === "category");
  const tags = item.terms.filter((t) => t.domain === "post_tag");
  if (categories.length > 1)
    note(`in ${categories.length} categories; its section is the first, '${categories[0]?.name}'`);
  const sectionId =
    kind === "page"
      ? null
      : categories[0]
        ? await termId(ctx, "section", categories[0].nicename, categories[0].name)
        : await ctx.ids.fallbackSection();
  const tagIds = [
    ...new Set(
      await Promise.all(tags.slice(0, 50).map((t) => termId(ctx, "tag", t.nicename, t.name))),
    ),
  ];
  // A post whose author was deleted in WordPress still needs a byline here; a page does not.
  const authorIds = item.creator || kind === "article" ? [await personId(ctx, item.creator)] : [];
  const commentStatus = item.commentStatus.trim();

  return {
    kind,
    slug: slugOf(item.slug, item.title, `${item.postType}-${item.id}`),
    headline,
    dek,
    type: kind === "page" ? "news" : typeOf(categories.map((c) => c.nicename)),
    sectionId,
    tagIds,
    authorIds,
    status: status.status,
    publishedAt: status.publishedAt,
    featuredImageId: featured?.mediaId ?? null,
    featuredImageCaption: featuredCaption,
    ...seo,
    body,
    commentsEnabled: commentStatus === "" || commentStatus === "open",
  } as ArticleInput & { slug: string; kind: "article" | "page" };
}

/**
 * Yoast SEO's title, description and canonical URL from a post's postmeta. Yoast keeps a title
 * or description that uses its template variables (`%%title%% %%sep%% %%sitename%%`) as written,
 * which would read literally here: those are left out, noted.
 */
function yoastFields(
  meta: readonly { key: string; value: string }[],
  note: (reason: string) => void,
): { metaTitle: string; metaDescription: string; canonicalUrl: string | null } {
  const value = (key: string) => meta.find((m) => m.key === key)?.value.trim() ?? "";
  const text = (key: string, label: string, max: number) => {
    const v = value(key);
    if (v.includes("%%")) {
      note(`Yoast ${label} '${v}' uses template variables: not kept`);
      return "";
    }
    if (v.length > max) note(`Yoast ${label} longer than ${max} characters: shortened`);
    return v.slice(0, max);
  };
  let canonicalUrl: string | null = value("_yoast_wpseo_canonical") || null;
  if (canonicalUrl !== null && !CanonicalUrlSchema.safeParse(canonicalUrl).success) {
    note(`canonical URL '${canonicalUrl}' not kept: Masthead keeps only absolute http(s) URLs`);
    canonicalUrl = null;
  }
  return {
    metaTitle: text("_yoast_wpseo_title", "title", META_TITLE_MAX_LENGTH),
    metaDescription: text("_yoast_wpseo_metadesc", "description", META_DESCRIPTION_MAX_LENGTH),
    canonicalUrl,
  };
}

/** An opinion or analysis category says what kind of journalism a post is. */
function typeOf(categorySlugs: string[]): ArticleType {
  for (const slug of categorySlugs) {
    // A "live" category does not make a live blog: its updates are not in the export.
    const match = ARTICLE_TYPES.find(
      (t) =>
        t !== LIVE_ARTICLE_TYPE &&
        (slug === t || slug === `${t}s` || (t === "fact-check" && slug === "fact-checks")),
    );
    if (match) return match;
  }
  return "news";
}

async function resolveBlock(
  ctx: ItemContext,
  block: ConvertedBlock,
  usedBy: string,
  note: (reason: string) => void,
): Promise<Block[]> {
  if (
    block.type === "video" &&
    block.provider === "other" &&
    /\/wp-content\/uploads\//.test(block.url ?? "")
  )
    note(
      `a video file on the old site (${block.url}) is linked, not copied: move it and edit the link`,
    );
  if (block.type === "image-ref") {
    const image = await resolveImage(ctx, block, usedBy, note);
    return image ? [{ type: "image", ...image }] : [];
  }
  if (block.type === "audio-ref") return resolveAudio(ctx, block, usedBy, note);
  if (block.type === "gallery-ref") {
    // The same path as single images: each found in the uploads copy or fetched, or reported.
    const images = await Promise.all(block.images.map((i) => resolveImage(ctx, i, usedBy, note)));
    return galleryBlocks(
      images.filter((i) => i !== undefined),
      block.caption,
      note,
    );
  }
  return [block];
}

/**
 * A sound file as an audio block, found the way images are (uploads copy or --fetch-media), titled
 * after its attachment or else its file name; a link to it when its file cannot be had or is not
 * sound (noted, and listed under missing media with the reason).
 */
async function resolveAudio(
  ctx: ItemContext,
  block: AudioRef,
  usedBy: string,
  note: (reason: string) => void,
): Promise<Block[]> {
  const resolved = await ctx.media.resolve(block, usedBy, "audio");
  if (!resolved) {
    note(
      `a sound file (${block.src || `attachment ${block.attachmentId}`}) kept as a link: its file could not be had or is not sound (see missing media)`,
    );
    return audioLinkBlocks(block);
  }
  const att = resolved.attachment;
  const attCaption = att?.caption ? htmlToPlainText(att.caption) : "";
  const caption: Inline | undefined = block.caption?.length
    ? block.caption
    : attCaption
      ? [{ text: attCaption }]
      : undefined;
  const title = att?.title.trim() || fileTitleOf(att?.url || block.src) || "Audio";
  return [
    {
      type: "audio",
      mediaId: resolved.mediaId,
      title: title.slice(0, 300),
      ...(caption ? { caption } : {}),
    },
  ];
}

/** A file's name without its folder or extension ("interview.mp3" → "interview"), for a title. */
function fileTitleOf(url: string): string {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url, "http://old.invalid").pathname.split("/").pop() ?? "");
  } catch {
    return "";
  }
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, "").trim();
}

/** An image reference as a media item with its alt text and caption, or undefined when missing. */
async function resolveImage(
  ctx: ItemContext,
  block: ImageRef,
  usedBy: string,
  note: (reason: string) => void,
): Promise<GalleryImage | undefined> {
  const resolved = await ctx.media.resolve(block, usedBy);
  if (!resolved) return undefined;
  const att = resolved.attachment;
  let alt = block.alt.trim() || att?.alt.trim() || att?.title.trim() || "";
  if (alt === "") {
    alt = "Image";
    note(
      `an image without alt text (${block.src || `attachment ${block.attachmentId}`}): describe it in the editor`,
    );
  }
  const attCaption = att?.caption ? htmlToPlainText(att.caption) : "";
  const caption: Inline | undefined = block.caption?.length
    ? block.caption
    : attCaption
      ? [{ text: attCaption }]
      : undefined;
  return { mediaId: resolved.mediaId, alt: alt.slice(0, 500), ...(caption ? { caption } : {}) };
}

/** A section or tag by WordPress slug; made on the spot when the export's header did not list it. */
async function termId(
  ctx: ItemContext,
  kind: "section" | "tag",
  wpSlug: string,
  name: string,
): Promise<string> {
  const known = (kind === "section" ? ctx.ids.sectionBySlug : ctx.ids.tagBySlug).get(wpSlug);
  if (known) return known;
  const slug = slugOf(wpSlug, name, `${kind}-${wpSlug.length}`);
  const existing =
    kind === "section"
      ? await getSectionBySlug(ctx.store, slug)
      : await getTagBySlug(ctx.store, slug);
  let id = existing?.id;
  if (!id) {
    id = ctx.dryRun
      ? crypto.randomUUID()
      : kind === "section"
        ? (await createSection(ctx.store, { slug, name: name.slice(0, 120) || slug })).id
        : (await createTag(ctx.store, { slug, name: name.slice(0, 80) || slug })).id;
    ctx.report.counts[kind].imported++;
  }
  (kind === "section" ? ctx.ids.sectionBySlug : ctx.ids.tagBySlug).set(wpSlug, id);
  return id;
}

/** A person by WordPress login; made on the spot for a login the header did not list. */
async function personId(ctx: ItemContext, login: string): Promise<string> {
  const known = ctx.ids.personByLogin.get(login);
  if (known) return known;
  const slug = login ? slugOf(login, login, "staff") : "staff";
  const name = login ? login.slice(0, 120) : "Staff";
  let id = (await getPersonBySlug(ctx.store, slug))?.id;
  if (!id) {
    id = ctx.dryRun ? crypto.randomUUID() : (await createPerson(ctx.store, { slug, name })).id;
    ctx.report.counts.person.imported++;
  }
  ctx.ids.personByLogin.set(login, id);
  return id;
}
