// The article's fields besides the body, as the editor holds them, and their validation
// against the content schema together with the body.

import type { JSONContent } from "@tiptap/core";
import {
  type Article,
  type ArticleEdit,
  ArticleEditSchema,
  type ArticleKind,
  type ArticleStatus,
  type ArticleType,
  kindIssues,
  type PageType,
  slugify,
  toFieldIssues,
} from "../../content/index.js";
import type { FieldIssue } from "../lib/api.js";
import { docToBlocks } from "./convert.js";

/** Everything the editor edits except the body. */
export interface ArticleMeta {
  /** An article, or a page (About, Contact…: no section, type or tags; a page type instead). */
  kind: ArticleKind;
  pageType: PageType;
  headline: string;
  dek: string;
  slug: string;
  /** The slug follows the headline until someone edits it (or the article was published). */
  slugFollowsHeadline: boolean;
  type: ArticleType;
  /** Null for a page; "" for an article whose section is not chosen yet. */
  sectionId: string | null;
  authorIds: string[];
  tagIds: string[];
  featuredImageId: string | null;
  /** Plain text shown under the featured image. */
  featuredImageCaption: string;
  /** Empty: the headline serves. */
  metaTitle: string;
  /** Empty: the dek serves. */
  metaDescription: string;
  /** As typed; empty means the article's own address (null when saved). */
  canonicalUrl: string;
  commentsEnabled: boolean;
}

/** The fields of a stored article. */
export function metaOf(article: Article): ArticleMeta {
  return {
    kind: article.kind,
    pageType: article.pageType,
    headline: article.headline,
    dek: article.dek,
    slug: article.slug,
    // Only a draft that never went out may change address by itself: links to it may exist.
    slugFollowsHeadline:
      article.status === "draft" &&
      article.publishedAt === null &&
      article.slug === slugify(article.headline),
    type: article.type,
    sectionId: article.sectionId,
    authorIds: article.authorIds,
    tagIds: article.tagIds,
    featuredImageId: article.featuredImageId,
    featuredImageCaption: article.featuredImageCaption ?? "",
    metaTitle: article.metaTitle ?? "",
    metaDescription: article.metaDescription ?? "",
    canonicalUrl: article.canonicalUrl ?? "",
    commentsEnabled: article.commentsEnabled,
  };
}

/** A new article's fields: the writer as author, the given section (none: ""); a page has none. */
export function newMeta(defaults: {
  kind?: ArticleKind;
  sectionId: string;
  authorId: string | null;
}): ArticleMeta {
  const kind = defaults.kind ?? "article";
  return {
    kind,
    pageType: "WebPage",
    headline: "",
    dek: "",
    slug: "",
    slugFollowsHeadline: true,
    // A page's type is shown nowhere; the schema still asks for one.
    type: "news",
    sectionId: kind === "page" ? null : defaults.sectionId,
    authorIds: defaults.authorId ? [defaults.authorId] : [],
    tagIds: [],
    featuredImageId: null,
    featuredImageCaption: "",
    metaTitle: "",
    metaDescription: "",
    canonicalUrl: "",
    // Pages show no comments.
    commentsEnabled: kind !== "page",
  };
}

/** An edit ready to send, or the problems that keep it from being saved. */
export type PreparedEdit =
  | { ok: true; edit: ArticleEdit; nodeIndex: number[] }
  | {
      ok: false;
      fieldIssues: FieldIssue[];
      blockIssues: Map<number, FieldIssue[]>;
      nodeIndex: number[];
    };

/**
 * Builds the edit from the fields and the editor document and checks it with the same schema
 * the API applies. Issues come back split: field paths (`headline`) and, per top-level editor
 * node, block-relative paths (`alt`).
 */
export function prepareEdit(
  meta: ArticleMeta,
  doc: JSONContent,
  /** The article's status: a draft may lack its section and authors (and finish blocks later). */
  status?: ArticleStatus,
): PreparedEdit {
  const { blocks, nodeIndex } = docToBlocks(doc);
  const edit: ArticleEdit = {
    kind: meta.kind,
    pageType: meta.pageType,
    slug: meta.slug,
    headline: meta.headline,
    dek: meta.dek,
    type: meta.type,
    // "" is "not chosen yet": no section, which a draft may have.
    sectionId: meta.sectionId || null,
    tagIds: meta.tagIds,
    authorIds: meta.authorIds,
    featuredImageId: meta.featuredImageId,
    featuredImageCaption: meta.featuredImageCaption,
    metaTitle: meta.metaTitle,
    metaDescription: meta.metaDescription,
    canonicalUrl: meta.canonicalUrl.trim() === "" ? null : meta.canonicalUrl,
    body: blocks,
    commentsEnabled: meta.commentsEnabled,
  };
  const parsed = ArticleEditSchema.safeParse(edit);
  // And what the store checks across fields (an article's section and authors, a page's slug),
  // reported with the field issues as the store reports them.
  const issues = [
    ...(parsed.success ? [] : toFieldIssues(parsed.error)),
    ...kindIssues({ ...meta, sectionId: meta.sectionId || null, status }),
  ];
  if (issues.length === 0) return { ok: true, edit, nodeIndex };
  return { ok: false, ...splitIssues(issues, nodeIndex), nodeIndex };
}

/** Splits issues into field issues and block issues keyed by the editor node showing the block. */
export function splitIssues(
  issues: readonly FieldIssue[],
  nodeIndex: readonly number[],
): { fieldIssues: FieldIssue[]; blockIssues: Map<number, FieldIssue[]> } {
  const fieldIssues: FieldIssue[] = [];
  const blockIssues = new Map<number, FieldIssue[]>();
  for (const issue of issues) {
    const match = /^body\.(\d+)(?:\.(.*))?$/.exec(issue.path);
    const node = match ? nodeIndex[Number(match[1])] : undefined;
    if (match && node !== undefined) {
      const list = blockIssues.get(node) ?? [];
      list.push({ path: match[2] ?? "", message: issue.message });
      blockIssues.set(node, list);
    } else fieldIssues.push(issue);
  }
  return { fieldIssues, blockIssues };
}

/** Human names of the fields, for the problem summary. */
export const FIELD_NAMES: Record<string, string> = {
  headline: "Headline",
  dek: "Dek",
  slug: "Web address",
  type: "Type",
  pageType: "Page type",
  sectionId: "Section",
  authorIds: "Authors",
  tagIds: "Tags",
  featuredImageId: "Featured image",
  body: "Body",
  commentsEnabled: "Comments",
};
