// One Ghost post or page as one Masthead article or page, with its images and old addresses,
// prepared one at a time and written in batches of whole items.
import { createHash } from "node:crypto";
import { htmlToText } from "../../content/html-text.js";
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
} from "../../content/index.js";
import {
  type ChangeAuthor,
  type ImportedRecord,
  recordImported,
  type Store,
  type VersionedArticle,
} from "../../store/index.js";
import { type OldAddress, writeBatch } from "../batch.js";
import { galleryBlocks } from "../gallery.js";
import type { ImportReport, ReportEntry } from "../report.js";
import { decideRerun } from "../rerun.js";
import { saveImportedArticle } from "../save-article.js";
import type { ConvertedBlock, ImageRef } from "../wordpress/converted.js";
import { audioLinkBlocks } from "../wordpress/html-flow.js";
import { slugOf } from "../wordpress/map.js";
import { convertGhostContent } from "./content.js";
import { ghostStatusOf, permalinkOf } from "./map.js";
import type { GhostMediaResolver } from "./media.js";
import type { GhostPost } from "./records.js";
import type { GhostScan } from "./scan.js";
import { type GhostTaxonomy, publicTagsOf } from "./taxonomy.js";

/** What every item of one run shares. */
export interface GhostItemContext {
  store: Store;
  source: string;
  scan: GhostScan;
  ids: GhostTaxonomy;
  media: GhostMediaResolver;
  report: ImportReport;
  actor: ChangeAuthor;
  dryRun: boolean;
  overwrite: boolean;
  now: Date;
  /** Posts and pages imported by earlier runs, by source id ("post:…", "page:…"). */
  items: Map<string, ImportedRecord>;
  /** Post ids met so far in this run: a repeated id is skipped. */
  seen: Set<string>;
  /** Where images may come from (a new --media-dir can complete what an earlier run missed). */
  mediaSources: string;
}

/**
 * Bump when a change to the importer should make re-runs write every item again. 2: meta title
 * and description, canonical URL and feature image caption kept on the article.
 */
const IMPORTER_VERSION = 2;

/** A post or page ready to write. */
export interface PreparedGhostItem {
  post: GhostPost;
  kind: "article" | "page";
  key: string;
  input: ArticleInput & { slug: string };
  contentHash: string;
  /** Its old addresses (only for what readers could see on the old site). */
  oldPaths: string[];
  existing?: VersionedArticle;
}

const entryOf = (post: GhostPost, reason: string): ReportEntry => ({
  kind: post.isPage ? "page" : "post",
  id: post.id,
  title: post.title,
  reason,
});

/**
 * Prepares one post of the export: converts it, stores its images, and decides whether it is
 * new, changed, unchanged or to be left alone. Undefined when there is nothing to write.
 */
export async function prepareGhostItem(
  ctx: GhostItemContext,
  post: GhostPost,
): Promise<PreparedGhostItem | undefined> {
  const { report } = ctx;
  const kind = post.isPage ? "page" : "article";
  const meta = ctx.scan.postMeta.get(post.id);
  const full: GhostPost = meta
    ? {
        ...post,
        metaTitle: meta.metaTitle || post.metaTitle,
        metaDescription: meta.metaDescription || post.metaDescription,
        featureImageAlt: meta.featureImageAlt || post.featureImageAlt,
        featureImageCaption: meta.featureImageCaption || post.featureImageCaption,
        socialFields: [...new Set([...post.socialFields, ...meta.socialFields])],
        emailOnly: meta.emailOnly || post.emailOnly,
      }
    : post;
  const note = (reason: string) => report.notes.push(entryOf(full, reason));
  if (!post.id || ctx.seen.has(post.id)) {
    report.counts[kind].skipped++;
    report.skipped.push(entryOf(full, "a second post with the same id (or none) in the export"));
    return;
  }
  ctx.seen.add(post.id);
  const status = ghostStatusOf(full, ctx.now);
  if (status.note) note(status.note);

  const tags = publicTagsOf(ctx.scan, post.id);
  const authors = ctx.scan.authorsOfPost.get(post.id) ?? (post.authorId ? [post.authorId] : []);
  const key = `${post.isPage ? "page" : "post"}:${post.id}`;
  const contentHash = createHash("sha256")
    .update(
      JSON.stringify([
        IMPORTER_VERSION,
        ctx.mediaSources,
        ctx.scan.site.permalinks,
        full,
        tags.map((t) => [t.id, t.slug, t.name]),
        authors,
      ]),
    )
    .digest("hex");
  const decision = await decideRerun(ctx.store, ctx.items.get(key), contentHash, ctx.overwrite);
  if (!decision.write) {
    report.counts[kind][decision.as]++;
    if (decision.as === "skipped") report.skipped.push(entryOf(full, decision.reason));
    return;
  }
  const existing = decision.existing;
  const input = await articleInput(ctx, full, kind, status, tags, authors, note);
  const oldPaths = status.wasPublic ? oldPathsOf(ctx, full, tags, authors) : [];
  if (ctx.dryRun) {
    // As the write would: a page whose slug the site uses itself takes its second slug.
    const second = { ...input, slug: fallbackSlugOf(input.slug, post.id) };
    const own = invalid(input);
    if (own && (existing || invalid(second))) {
      report.counts[kind].skipped++;
      report.skipped.push(entryOf(full, `could not be imported: ${own}`));
      return;
    }
    if (own) note(`slug '${input.slug}' is used by the site itself: imported as '${second.slug}'`);
    report.counts[kind][existing ? "updated" : "imported"]++;
    report.counts.redirect.imported += oldPaths.length;
    return;
  }
  return { post: full, kind, key, input, contentHash, oldPaths, existing };
}

/** A second slug for a post whose own is taken in Masthead or used by the site itself. */
function fallbackSlugOf(slug: string, postId: string): string {
  return `${slug.slice(0, 90)}-${postId.slice(-8)}`;
}

/** Why an article input would be refused, or undefined when it is valid. */
function invalid(input: ArticleInput): string | undefined {
  try {
    parseOrThrow(ArticleInputSchema, input, "input");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Writes prepared items in batches of whole items (see writeBatch). */
export async function writeGhostItems(
  ctx: GhostItemContext,
  batch: readonly PreparedGhostItem[],
): Promise<void> {
  await writeBatch(
    {
      store: ctx.store,
      report: ctx.report,
      slugOf: (p) => p.input.slug,
      write: (tx, p, slug) => writeOne(ctx, tx, p, slug),
      counted: (p) => void ctx.report.counts[p.kind][p.existing ? "updated" : "imported"]++,
      failed: (p) => void ctx.report.counts[p.kind].skipped++,
      entry: (p, reason) => entryOf(p.post, reason),
      fallbackSlug: (p) => (p.existing ? undefined : fallbackSlugOf(p.input.slug, p.post.id)),
    },
    batch,
  );
}

async function writeOne(
  ctx: GhostItemContext,
  tx: Store,
  p: PreparedGhostItem,
  slug: string,
): Promise<{ redirects: OldAddress[] }> {
  const data = { ...p.input, slug };
  const saved = await saveImportedArticle(tx, {
    data,
    existing: p.existing,
    actor: ctx.actor,
    platform: "Ghost",
    origin: `${p.post.isPage ? "page" : "post"} ${p.post.id}`,
  });
  await recordImported(tx, ctx.source, [
    {
      kind: p.kind,
      sourceId: p.key,
      targetId: saved.id,
      targetVersion: saved.version,
      contentHash: p.contentHash,
    },
  ]);
  const to = publicArticlePath({ slug, kind: p.kind });
  // `/about/` is `/about` here already: only addresses that differ need a redirect.
  return {
    redirects: p.oldPaths
      .filter((from) => pathKey(from) !== pathKey(to))
      .map((from) => ({ from, to })),
  };
}

/** A post's old addresses: its permalink, its AMP copy and, for posts, the feed of its comments none. */
function oldPathsOf(
  ctx: GhostItemContext,
  post: GhostPost,
  tags: readonly { slug: string }[],
  authors: readonly string[],
): string[] {
  const slug = post.slug.trim();
  if (!slug) return [];
  const primaryAuthor = authors[0] ? (ctx.scan.users.get(authors[0])?.slug ?? "") : "";
  const permalink = post.isPage
    ? `/${slug}/`
    : permalinkOf(ctx.scan.site.permalinks, {
        slug,
        id: post.id,
        publishedAt: post.publishedAt,
        primaryTag: tags[0]?.slug ?? "",
        primaryAuthor,
      });
  if (!permalink) return [];
  // Ghost served an AMP copy of every post at <permalink>amp/ until 5.x.
  return post.isPage ? [permalink] : [permalink, `${permalink}amp/`];
}

/** The Masthead article (or page) a Ghost post becomes. */
async function articleInput(
  ctx: GhostItemContext,
  post: GhostPost,
  kind: "article" | "page",
  status: { status: ArticleInput["status"]; publishedAt: string | null },
  tags: readonly { id: string; slug: string; name: string }[],
  authors: readonly string[],
  note: (reason: string) => void,
): Promise<ArticleInput & { slug: string; kind: "article" | "page" }> {
  let headline = post.title.trim();
  if (headline === "") {
    headline = "Untitled";
    note("no title in Ghost: imported as 'Untitled'");
  } else if (headline.length > HEADLINE_MAX_LENGTH) {
    headline = `${headline.slice(0, HEADLINE_MAX_LENGTH - 1)}…`;
    note(`title longer than ${HEADLINE_MAX_LENGTH} characters: shortened`);
  }
  let dek = post.customExcerpt.trim();
  if (dek === "" && post.metaDescription.trim() !== "") {
    dek = post.metaDescription.trim();
    note("no excerpt in Ghost: its meta description became the dek");
  }
  if (dek.length > DEK_MAX_LENGTH) {
    dek = `${dek.slice(0, DEK_MAX_LENGTH - 1)}…`;
    note(`excerpt longer than ${DEK_MAX_LENGTH} characters: shortened`);
  }
  if (post.featured)
    note("featured in Ghost (Masthead has no featured flag): imported as a normal post");
  if (post.visibility !== "public" && status.status === "published")
    note(
      `for ${post.visibility === "members" ? "members only" : `'${post.visibility}' readers only`} in Ghost; Masthead has no paywall: public to every reader`,
    );
  const metaTitle = post.metaTitle.trim();
  if (metaTitle.length > META_TITLE_MAX_LENGTH)
    note(`meta title longer than ${META_TITLE_MAX_LENGTH} characters: shortened`);
  const metaDescription = post.metaDescription.trim();
  if (metaDescription.length > META_DESCRIPTION_MAX_LENGTH)
    note(`meta description longer than ${META_DESCRIPTION_MAX_LENGTH} characters: shortened`);
  let canonicalUrl: string | null = post.canonicalUrl.trim() || null;
  if (canonicalUrl !== null && !CanonicalUrlSchema.safeParse(canonicalUrl).success) {
    note(`canonical URL '${canonicalUrl}' not kept: Masthead keeps only absolute http(s) URLs`);
    canonicalUrl = null;
  }
  if (post.socialFields.length > 0)
    note(
      `${post.socialFields.join(", ")} not kept: Masthead's social cards use the meta title and description`,
    );

  const usedBy = `${kind === "page" ? "page" : "post"} ${post.id} (${post.slug || post.title})`;
  // The feature image first: its alt describes a file the body may show again.
  let featuredImageId: string | null = null;
  let featuredImageCaption = "";
  if (post.featureImage.trim()) {
    // Ghost writes the caption as HTML (links to the photographer); Masthead's is plain text.
    featuredImageCaption = htmlToText(post.featureImageCaption).trim();
    if (featuredImageCaption.length > FEATURED_IMAGE_CAPTION_MAX_LENGTH) {
      featuredImageCaption = `${featuredImageCaption.slice(0, FEATURED_IMAGE_CAPTION_MAX_LENGTH - 1)}…`;
      note(
        `feature image caption longer than ${FEATURED_IMAGE_CAPTION_MAX_LENGTH} characters: shortened`,
      );
    }
    featuredImageId = await ctx.media.resolve(
      post.featureImage,
      {
        alt: post.featureImageAlt.trim().slice(0, 500),
        credit: { creator: "", sourceName: "", license: "all-rights-reserved" },
      },
      usedBy,
    );
  }

  const converted = convertGhostContent({
    mobiledoc: post.mobiledoc,
    lexical: post.lexical,
    html: post.html,
  });
  const entry = (reason: string) => entryOf(post, reason);
  for (const reason of converted.legacy) ctx.report.legacyHtml.push(entry(reason));
  for (const reason of converted.notes) note(reason);
  let body: Block[] = [];
  for (const block of converted.blocks)
    body.push(...(await resolveBlock(ctx, block, usedBy, note)));
  if (body.length > BODY_MAX_BLOCKS) {
    note(`more than ${BODY_MAX_BLOCKS} blocks: the rest was left out`);
    body = body.slice(0, BODY_MAX_BLOCKS);
  }

  const primary = tags[0];
  const sectionId =
    kind === "page"
      ? null
      : primary
        ? (ctx.ids.section.get(primary.id)?.id ?? (await ctx.ids.fallbackSection()))
        : await ctx.ids.fallbackSection();
  const tagIds = [
    ...new Set(
      (kind === "page" ? tags : tags.slice(1))
        .map((t) => ctx.ids.tag.get(t.id)?.id)
        .filter((id): id is string => id !== undefined),
    ),
  ].slice(0, 50);
  let authorIds = [
    ...new Set(
      authors
        .map((id) => ctx.ids.person.get(id)?.id)
        .filter((id): id is string => id !== undefined),
    ),
  ];
  if (authorIds.length < authors.length)
    note("an author named by the post is not among the export's users: left out of the byline");
  if (authorIds.length > 20) {
    note("more than 20 authors: the first 20 kept");
    authorIds = authorIds.slice(0, 20);
  }
  if (authorIds.length === 0 && kind === "article") authorIds = [await ctx.ids.fallbackPerson()];

  return {
    kind,
    slug: slugOf(post.slug, post.title, `${kind}-${post.id}`),
    headline,
    dek,
    type: kind === "page" ? "news" : typeOf(primary?.slug ?? ""),
    sectionId,
    tagIds,
    authorIds,
    status: status.status,
    publishedAt: status.publishedAt,
    featuredImageId,
    featuredImageCaption,
    metaTitle: metaTitle.slice(0, META_TITLE_MAX_LENGTH),
    metaDescription: metaDescription.slice(0, META_DESCRIPTION_MAX_LENGTH),
    canonicalUrl,
    body,
    commentsEnabled: true,
  } as ArticleInput & { slug: string; kind: "article" | "page" };
}

/** An opinion or analysis primary tag says what kind of journalism a post is. */
function typeOf(slug: string): ArticleType {
  return (
    // A "live" tag does not make a live blog: its updates are not in the export.
    ARTICLE_TYPES.find((t) => t !== LIVE_ARTICLE_TYPE && (slug === t || slug === `${t}s`)) ??
    (slug === "fact-checks" ? "fact-check" : "news")
  );
}

async function resolveBlock(
  ctx: GhostItemContext,
  block: ConvertedBlock,
  usedBy: string,
  note: (reason: string) => void,
): Promise<Block[]> {
  if (block.type === "image-ref") {
    const image = await resolveImage(ctx, block, usedBy, note);
    return image ? [{ type: "image", ...image }] : [];
  }
  if (block.type === "audio-ref") {
    // Ghost's sound files are not copied (its audio card is a link too): a link to the file.
    note("audio in the post's HTML kept as a link to its file");
    return audioLinkBlocks(block);
  }
  if (block.type === "gallery-ref") {
    const images: GalleryImage[] = [];
    for (const ref of block.images) {
      const image = await resolveImage(ctx, ref, usedBy, note);
      if (image) images.push(image);
    }
    return galleryBlocks(images, block.caption, note);
  }
  return [block];
}

/** An image reference as a media item with its alt text and caption, or undefined when missing. */
async function resolveImage(
  ctx: GhostItemContext,
  block: ImageRef,
  usedBy: string,
  note: (reason: string) => void,
): Promise<GalleryImage | undefined> {
  let alt = block.alt.trim();
  const mediaId = await ctx.media.resolve(
    block.src,
    {
      alt: alt.slice(0, 500),
      credit: { creator: "", sourceName: "", license: "all-rights-reserved" },
    },
    usedBy,
  );
  if (!mediaId) return undefined;
  if (alt === "") {
    alt = "Image";
    note(`an image without alt text (${block.src}): describe it in the editor`);
  }
  const caption: Inline | undefined = block.caption?.length ? block.caption : undefined;
  return { mediaId, alt: alt.slice(0, 500), ...(caption ? { caption } : {}) };
}
