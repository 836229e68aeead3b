// The rows of a Ghost export the importer uses, reduced to the fields it reads. Everything is
// picked by name from the raw row, so a secret column (a user's password hash or email, an API
// key) is never copied into anything the import keeps, reports or hashes.
import { ownCopy } from "../own-copy.js";

/** A post or page (posts table; pages are `type: "page"`, or `page: true` before Ghost 3). */
export interface GhostPost {
  id: string;
  uuid: string;
  title: string;
  slug: string;
  isPage: boolean;
  status: string;
  visibility: string;
  featured: boolean;
  mobiledoc: string | null;
  lexical: string | null;
  html: string | null;
  customExcerpt: string;
  featureImage: string;
  featureImageAlt: string;
  featureImageCaption: string;
  metaTitle: string;
  metaDescription: string;
  canonicalUrl: string;
  /** The og_ and twitter_ fields that hold something (Ghost 1-3 kept them on the post). */
  socialFields: string[];
  createdAt: string | null;
  updatedAt: string | null;
  publishedAt: string | null;
  /** Ghost 1.x's single author, before posts_authors. */
  authorId: string;
  emailOnly: boolean;
}

/** A tag; `#…` names and visibility "internal" are internal tags, never shown on the site. */
export interface GhostTag {
  id: string;
  name: string;
  slug: string;
  description: string;
  internal: boolean;
}

/** A staff user, without anything that signs in (no email, password, tokens). */
export interface GhostUser {
  id: string;
  name: string;
  slug: string;
  bio: string;
  profileImage: string;
  website: string;
}

/** What posts_meta adds to a post (Ghost 2+ moved SEO fields and image details there). */
export interface GhostPostMeta {
  metaTitle: string;
  metaDescription: string;
  featureImageAlt: string;
  featureImageCaption: string;
  /** The og_ and twitter_ fields that hold something. */
  socialFields: string[];
  emailOnly: boolean;
}

type Row = Record<string, unknown>;

// Short fields are copied out of the parser's text (see ownCopy); the content fields are not,
// since nothing keeps them past their post.
const str = (row: Row, key: string): string => {
  const v = row[key];
  return typeof v === "string" ? ownCopy(v) : typeof v === "number" ? String(v) : "";
};
const nullable = (row: Row, key: string): string | null => {
  const v = row[key];
  return typeof v === "string" ? v : null;
};
/** Ghost writes booleans as true/false, and as 1/0 from SQLite before Ghost 2. */
const bool = (row: Row, key: string): boolean => {
  const v = row[key];
  return v === true || v === 1 || v === "1" || v === "true";
};

/**
 * A date as ISO-8601 UTC: Ghost writes ISO strings, "YYYY-MM-DD HH:MM:SS" (UTC) from some
 * databases, and milliseconds since 1970 in the oldest exports.
 */
export function ghostDate(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  let date: Date;
  if (typeof value === "number") date = new Date(value);
  else if (typeof value === "string") {
    const s = value.trim();
    date = /^\d+$/.test(s)
      ? new Date(Number(s))
      : new Date(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s.replace(" ", "T")}Z` : s,
        );
  } else return null;
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const asRow = (value: unknown): Row | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Row) : null;

/** A post row as the importer reads it; null for something that is not a row. */
export function postOf(value: unknown): GhostPost | null {
  const row = asRow(value);
  if (!row) return null;
  return {
    id: str(row, "id"),
    uuid: str(row, "uuid"),
    title: str(row, "title"),
    slug: str(row, "slug"),
    isPage: row.type === "page" || (row.type === undefined && bool(row, "page")),
    status: str(row, "status"),
    visibility: str(row, "visibility") || "public",
    featured: bool(row, "featured"),
    mobiledoc: nullable(row, "mobiledoc"),
    lexical: nullable(row, "lexical"),
    html: nullable(row, "html"),
    customExcerpt: str(row, "custom_excerpt"),
    featureImage: str(row, "feature_image"),
    featureImageAlt: str(row, "feature_image_alt"),
    featureImageCaption: str(row, "feature_image_caption"),
    metaTitle: str(row, "meta_title"),
    metaDescription: str(row, "meta_description"),
    canonicalUrl: str(row, "canonical_url"),
    socialFields: socialFieldsOf(row),
    createdAt: ghostDate(row.created_at),
    updatedAt: ghostDate(row.updated_at),
    publishedAt: ghostDate(row.published_at),
    authorId: str(row, "author_id"),
    emailOnly: bool(row, "email_only"),
  };
}

/** A tag row as the importer reads it. */
export function tagOf(value: unknown): GhostTag | null {
  const row = asRow(value);
  if (!row) return null;
  const name = str(row, "name");
  return {
    id: str(row, "id"),
    name,
    slug: str(row, "slug"),
    description: str(row, "description"),
    internal: name.startsWith("#") || str(row, "visibility") === "internal",
  };
}

/** A user row as a person: name, slug, bio, picture, website; nothing else is read. */
export function userOf(value: unknown): GhostUser | null {
  const row = asRow(value);
  if (!row) return null;
  return {
    id: str(row, "id"),
    name: str(row, "name"),
    slug: str(row, "slug"),
    bio: str(row, "bio"),
    profileImage: str(row, "profile_image") || str(row, "image"),
    website: str(row, "website"),
  };
}

// Ghost's own titles, descriptions and images for Facebook and X cards: Masthead's cards use
// the meta title and description, so these are only named in the report.
const SOCIAL_FIELDS = [
  "og_title",
  "og_description",
  "og_image",
  "twitter_title",
  "twitter_description",
  "twitter_image",
] as const;

const socialFieldsOf = (row: Row): string[] =>
  SOCIAL_FIELDS.filter((key) => typeof row[key] === "string" && (row[key] as string).trim() !== "");

/** A posts_meta row: its post id and what it adds. */
export function postMetaOf(value: unknown): { postId: string; meta: GhostPostMeta } | null {
  const row = asRow(value);
  if (!row) return null;
  return {
    postId: str(row, "post_id"),
    meta: {
      metaTitle: str(row, "meta_title"),
      metaDescription: str(row, "meta_description"),
      featureImageAlt: str(row, "feature_image_alt"),
      featureImageCaption: str(row, "feature_image_caption"),
      socialFields: socialFieldsOf(row),
      emailOnly: bool(row, "email_only"),
    },
  };
}

/** A posts_tags or posts_authors row: the post, the other side, and its place in the order. */
export function relationOf(
  value: unknown,
  other: "tag_id" | "author_id",
): { postId: string; otherId: string; order: number } | null {
  const row = asRow(value);
  if (!row) return null;
  const order = Number(row.sort_order ?? 0);
  return {
    postId: str(row, "post_id"),
    otherId: str(row, other),
    order: Number.isFinite(order) ? order : 0,
  };
}

/** A settings row's key and value (only string values are read). */
export function settingOf(value: unknown): { key: string; value: string } | null {
  const row = asRow(value);
  if (!row) return null;
  return { key: str(row, "key"), value: str(row, "value") };
}
