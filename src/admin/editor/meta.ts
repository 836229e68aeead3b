// The article's fields besides the body, as the editor holds them, and their validation
// against the content schema together with the body.

import type { JSONContent } from "@tiptap/core";
import {
  type Article,
  type ArticleEdit,
  ArticleEditSchema,
  type ArticleType,
  slugify,
  toFieldIssues,
} from "../../content/index.js";
import type { FieldIssue } from "../lib/api.js";
import { docToBlocks } from "./convert.js";

/** Everything the editor edits except the body. */
export interface ArticleMeta {
  headline: string;
  dek: string;
  slug: string;
  /** The slug follows the headline until someone edits it (or the article was published). */
  slugFollowsHeadline: boolean;
  type: ArticleType;
  sectionId: string;
  authorIds: string[];
  tagIds: string[];
  featuredImageId: string | null;
  commentsEnabled: boolean;
}

/** The fields of a stored article. */
export function metaOf(article: Article): ArticleMeta {
  return {
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
    commentsEnabled: article.commentsEnabled,
  };
}

/** A new article's fields: the writer as author, the first section. */
export function newMeta(defaults: { sectionId: string; authorId: string | null }): ArticleMeta {
  return {
    headline: "",
    dek: "",
    slug: "",
    slugFollowsHeadline: true,
    type: "news",
    sectionId: defaults.sectionId,
    authorIds: defaults.authorId ? [defaults.authorId] : [],
    tagIds: [],
    featuredImageId: null,
    commentsEnabled: true,
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
export function prepareEdit(meta: ArticleMeta, doc: JSONContent): PreparedEdit {
  const { blocks, nodeIndex } = docToBlocks(doc);
  const edit: ArticleEdit = {
    slug: meta.slug,
    headline: meta.headline,
    dek: meta.dek,
    type: meta.type,
    sectionId: meta.sectionId,
    tagIds: meta.tagIds,
    authorIds: meta.authorIds,
    featuredImageId: meta.featuredImageId,
    body: blocks,
    commentsEnabled: meta.commentsEnabled,
  };
  const parsed = ArticleEditSchema.safeParse(edit);
  if (parsed.success) return { ok: true, edit, nodeIndex };
  return { ok: false, ...splitIssues(toFieldIssues(parsed.error), nodeIndex), nodeIndex };
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
  sectionId: "Section",
  authorIds: "Authors",
  tagIds: "Tags",
  featuredImageId: "Featured image",
  body: "Body",
  commentsEnabled: "Comments",
};
