// Rows as the drivers return them, turned into the domain's types. Rows were validated when
// written, so the casts below restore the types the schemas guaranteed then.
import type {
  Article,
  ArticleKind,
  ArticleStatus,
  ArticleType,
  Block,
  Inline,
  LicenseId,
  MediaItem,
  PageType,
  Person,
  Section,
  Tag,
  TrackerEntry,
} from "../content/index.js";
import { toIso } from "./columns.js";
import type { DialectAdapter } from "./dialect/index.js";
import type {
  ArticleRow,
  MediaRow,
  PersonRow,
  SectionRow,
  TagRow,
  TrackerEntryRow,
} from "./schema.js";

type MimeType = MediaItem["mimeType"];

/** An article from its row and its ordered author and tag ids. */
export function toArticle(
  adapter: DialectAdapter,
  row: ArticleRow,
  authorIds: string[],
  tagIds: string[],
): Article {
  return {
    id: row.id,
    kind: row.kind as ArticleKind,
    pageType: row.page_type as PageType,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    type: row.type as ArticleType,
    sectionId: row.section_id,
    tagIds,
    authorIds,
    status: row.status as ArticleStatus,
    publishedAt: row.published_at === null ? null : toIso(row.published_at),
    featuredImageId: row.featured_image_id,
    featuredImageCaption: row.featured_image_caption,
    metaTitle: row.meta_title,
    metaDescription: row.meta_description,
    canonicalUrl: row.canonical_url,
    body: adapter.readJson(row.body) as Block[],
    commentsEnabled: Boolean(row.comments_enabled),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    roleTitle: row.role_title,
    team: row.team,
    shortBio: row.short_bio,
    bio: row.bio,
    avatarId: row.avatar_id,
    avatarAlt: row.avatar_alt,
  };
}

export function toSection(row: SectionRow): Section {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parent_id,
  };
}

export function toTag(row: TagRow): Tag {
  return { id: row.id, slug: row.slug, name: row.name };
}

export function toMedia(row: MediaRow): MediaItem {
  return {
    id: row.id,
    storageKey: row.storage_key,
    mimeType: row.mime_type as MimeType,
    width: row.width,
    height: row.height,
    alt: row.alt,
    description: row.description,
    credit: {
      creator: row.credit_creator,
      sourceName: row.credit_source_name,
      ...(row.credit_source_url === null ? {} : { sourceUrl: row.credit_source_url }),
      license: row.license as LicenseId,
    },
    ...(row.duration_ms === null ? {} : { durationMs: Number(row.duration_ms) }),
  };
}

export function toTrackerEntry(row: TrackerEntryRow): TrackerEntry {
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    summary: row.summary,
    occurredOn: row.occurred_on,
    sourceName: row.source_name,
    ...(row.source_url === null ? {} : { sourceUrl: row.source_url }),
    createdAt: toIso(row.created_at),
  };
}

/** The stored description of a tracker. */
export function trackerDescription(adapter: DialectAdapter, raw: unknown): Inline {
  return adapter.readJson(raw) as Inline;
}

/** Rows keyed by id, returned in the order of `ids`; unknown ids are left out. */
export function inOrderOf<T extends { id: string }>(ids: readonly string[], items: T[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return ids.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
}
