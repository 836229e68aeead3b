// What the archive holds of each table, and the one canonical form its rows take. Each column is
// described once by its type; reading a row from either database and writing it back go through
// these descriptions, so no kind of content has code of its own.

import { ArchiveError } from "../content/errors.js";
import { toIso } from "../store/columns.js";
import type { Database } from "../store/index.js";

/**
 * A column's type as the archive writes it: `text` and `day` (YYYY-MM-DD text) as strings,
 * `integer` as a number (node-pg returns bigint counts as strings), `boolean` as a boolean
 * (SQLite stores 0/1), `timestamp` as UTC ISO-8601 with milliseconds (PostgreSQL returns a Date,
 * SQLite text), `json` parsed (SQLite stores text; jsonb reorders keys, so keys are sorted).
 * A trailing `?` allows null.
 */
type ColumnType = "text" | "integer" | "boolean" | "timestamp" | "json";
type ColumnSpec = ColumnType | `${ColumnType}?`;

/** One table of the archive. */
export interface TableSpec {
  name: keyof Database & string;
  /** The primary key (or natural key): rows are written in its byte order, and paged by it. */
  key: readonly string[];
  columns: Readonly<Record<string, ColumnSpec>>;
  /**
   * A column referring to the same table (a section's parent): restored as null first and set
   * once every row exists, since rows come in key order, not parents first.
   */
  selfReference?: string;
  /** Columns written only with --include-credentials. */
  credentials?: readonly string[];
  /**
   * Columns added since format 1 was first written, with the value a row of an older archive
   * (written before the column existed) takes: such an archive still restores.
   */
  added?: Readonly<Record<string, unknown>>;
  /**
   * A table added since format 1 was first written: an archive written before it has no member
   * for it and restores with the table empty.
   */
  addedTable?: true;
}

/**
 * Every table the archive holds, in the order they are written and restored: each table after
 * the tables its foreign keys point at.
 */
export const TABLES: readonly TableSpec[] = [
  {
    name: "media",
    key: ["id"],
    columns: {
      id: "text",
      storage_key: "text",
      mime_type: "text",
      width: "integer",
      height: "integer",
      alt: "text",
      description: "text",
      credit_creator: "text",
      credit_source_name: "text",
      credit_source_url: "text?",
      license: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      version: "integer",
      uploaded_by: "text?",
      duration_ms: "integer?",
    },
    added: { duration_ms: null },
  },
  {
    name: "media_variants",
    key: ["media_id", "format", "width"],
    columns: {
      media_id: "text",
      format: "text",
      width: "integer",
      height: "integer",
      storage_key: "text",
      bytes: "integer",
    },
  },
  {
    name: "sections",
    key: ["id"],
    selfReference: "parent_id",
    columns: {
      id: "text",
      slug: "text",
      name: "text",
      description: "text",
      parent_id: "text?",
      created_at: "timestamp",
      updated_at: "timestamp",
    },
  },
  {
    name: "people",
    key: ["id"],
    columns: {
      id: "text",
      slug: "text",
      name: "text",
      role_title: "text",
      team: "text",
      short_bio: "text",
      bio: "text",
      avatar_id: "text?",
      avatar_alt: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      version: "integer",
    },
  },
  {
    name: "tags",
    key: ["id"],
    columns: { id: "text", slug: "text", name: "text", created_at: "timestamp" },
  },
  {
    name: "articles",
    key: ["id"],
    columns: {
      id: "text",
      slug: "text",
      headline: "text",
      dek: "text",
      type: "text",
      section_id: "text?",
      status: "text",
      published_at: "timestamp?",
      featured_image_id: "text?",
      body: "json",
      comments_enabled: "boolean",
      created_at: "timestamp",
      updated_at: "timestamp",
      version: "integer",
      kind: "text",
      page_type: "text",
      meta_title: "text",
      meta_description: "text",
      canonical_url: "text?",
      featured_image_caption: "text",
    },
    added: {
      meta_title: "",
      meta_description: "",
      canonical_url: null,
      featured_image_caption: "",
    },
  },
  {
    name: "article_authors",
    key: ["article_id", "person_id"],
    columns: { article_id: "text", person_id: "text", position: "integer" },
  },
  {
    name: "article_tags",
    key: ["article_id", "tag_id"],
    columns: { article_id: "text", tag_id: "text", position: "integer" },
  },
  {
    name: "article_revisions",
    key: ["id"],
    columns: {
      id: "text",
      article_id: "text",
      version: "integer",
      kind: "text",
      summary: "text",
      snapshot: "json",
      actor_user_id: "text?",
      actor_name: "text",
      created_at: "timestamp",
    },
  },
  {
    name: "article_corrections",
    key: ["id"],
    columns: {
      id: "text",
      article_id: "text",
      kind: "text",
      note: "text",
      actor_user_id: "text?",
      actor_name: "text",
      created_at: "timestamp",
    },
  },
  {
    name: "publish_overrides",
    key: ["id"],
    addedTable: true,
    columns: {
      id: "text",
      article_id: "text",
      version: "integer",
      check_id: "text",
      message: "text",
      reason: "text",
      actor_user_id: "text?",
      actor_name: "text",
      created_at: "timestamp",
    },
  },
  {
    name: "live_updates",
    key: ["id"],
    addedTable: true,
    columns: {
      id: "text",
      article_id: "text",
      body: "json",
      author_id: "text?",
      pinned: "boolean",
      posted_at: "timestamp",
      updated_at: "timestamp",
    },
  },
  {
    name: "live_coverage",
    key: ["article_id"],
    addedTable: true,
    columns: { article_id: "text", ended_at: "timestamp?", updated_at: "timestamp" },
  },
  {
    name: "trackers",
    key: ["id"],
    columns: {
      id: "text",
      slug: "text",
      title: "text",
      description: "json",
      created_at: "timestamp",
      updated_at: "timestamp",
    },
  },
  {
    name: "tracker_entries",
    key: ["id"],
    columns: {
      id: "text",
      tracker_id: "text",
      position: "integer",
      title: "text",
      summary: "text",
      occurred_on: "text?",
      source_name: "text",
      source_url: "text?",
      created_at: "timestamp",
    },
  },
  {
    name: "comments",
    key: ["id"],
    columns: {
      id: "text",
      article_id: "text",
      author_name: "text",
      author_email: "text?",
      body: "text",
      status: "text",
      created_at: "timestamp",
      parent_id: "text?",
      depth: "integer",
      author_key: "text?",
      address_hash: "text?",
      staff_user_id: "text?",
      edited_at: "timestamp?",
      author_url: "text?",
      // A SHA-256 of the commenter id, not the id: no cookie can be made from it (migration 0018).
      commenter_hash: "text?",
    },
    added: { commenter_hash: null },
  },
  {
    // Kept although their hashes are keyed by comment_secrets, which is not: restored into the
    // same installation (the usual restore of a backup) they still hold the spam back, and
    // elsewhere they stay the record of who blocked what, and when.
    name: "comment_blocked_addresses",
    key: ["address_hash"],
    columns: { address_hash: "text", blocked_by: "text?", created_at: "timestamp" },
  },
  {
    name: "article_views_daily",
    key: ["article_id", "day"],
    columns: { article_id: "text", day: "text", views: "integer" },
  },
  {
    name: "redirects",
    key: ["id"],
    columns: {
      id: "text",
      from_path: "text",
      from_query: "text",
      to_path: "text",
      to_key: "text",
      kind: "text",
      source: "text",
      created_at: "timestamp",
    },
  },
  {
    name: "gone_addresses",
    key: ["path_key", "query"],
    columns: { path_key: "text", query: "text", reason: "text", created_at: "timestamp" },
  },
  {
    name: "settings",
    key: ["key"],
    columns: { key: "text", value: "json", updated_at: "timestamp" },
  },
  {
    // So that running an import again after a restore updates what it imported, not duplicates.
    name: "import_sources",
    key: ["source", "kind", "source_id"],
    columns: {
      source: "text",
      kind: "text",
      source_id: "text",
      target_id: "text",
      target_version: "integer?",
      content_hash: "text",
      imported_at: "timestamp",
    },
  },
  {
    name: "users",
    key: ["id"],
    credentials: ["password_hash"],
    columns: {
      id: "text",
      email: "text",
      name: "text",
      role: "text",
      person_id: "text?",
      password_hash: "text?",
      created_at: "timestamp",
      disabled_at: "timestamp?",
    },
  },
  {
    name: "newsletters",
    key: ["id"],
    addedTable: true,
    columns: {
      id: "text",
      slug: "text",
      name: "text",
      description: "text",
      digest: "json?",
      active: "boolean",
      position: "integer",
      created_at: "timestamp",
      updated_at: "timestamp",
    },
  },
  {
    name: "subscribers",
    key: ["id"],
    addedTable: true,
    columns: {
      id: "text",
      email: "text",
      name: "text?",
      status: "text",
      // Kept so that the links in messages already sent still work on the new server.
      secret: "text",
      created_at: "timestamp",
      confirmed_at: "timestamp?",
      unsubscribed_at: "timestamp?",
      confirm_sent_at: "timestamp?",
      updated_at: "timestamp",
    },
  },
  {
    name: "subscriptions",
    key: ["subscriber_id", "newsletter_id"],
    addedTable: true,
    columns: { subscriber_id: "text", newsletter_id: "text", created_at: "timestamp" },
  },
  {
    name: "subscriber_consents",
    key: ["id"],
    addedTable: true,
    columns: {
      id: "text",
      subscriber_id: "text",
      action: "text",
      form: "text",
      newsletter_ids: "json",
      edition_id: "text?",
      at: "timestamp",
      note: "text?",
      user_id: "text?",
    },
    added: { note: null, user_id: null },
  },
  {
    name: "mail_suppressions",
    key: ["email"],
    addedTable: true,
    columns: { email: "text", reason: "text", detail: "text?", created_at: "timestamp" },
  },
  {
    name: "editions",
    key: ["id"],
    addedTable: true,
    columns: {
      id: "text",
      newsletter_id: "text",
      kind: "text",
      article_id: "text?",
      article_ids: "json",
      subject: "text",
      intro: "text",
      slug: "text",
      status: "text",
      html: "text?",
      text: "text?",
      send_at: "timestamp?",
      recipients: "integer",
      created_by: "text?",
      created_at: "timestamp",
      updated_at: "timestamp",
      queued_at: "timestamp?",
      sent_at: "timestamp?",
    },
  },
  {
    name: "notification_settings",
    key: ["user_id", "kind"],
    addedTable: true,
    columns: { user_id: "text", kind: "text", enabled: "boolean" },
  },
  {
    name: "commenter_email_confirmations",
    key: ["token_hash"],
    addedTable: true,
    columns: {
      token_hash: "text",
      commenter_hash: "text",
      email: "text",
      created_at: "timestamp",
      expires_at: "timestamp",
      confirmed_at: "timestamp?",
    },
  },
];

/**
 * Tables deliberately left out, and why (docs/ARCHITECTURE.md, "Export, restore and backup").
 * A test checks that every table of the database is either in TABLES or here.
 */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  sessions: "signed-in browsers: secrets, and meaningless on another server",
  api_keys: "integration secrets; keys are made again on the new server",
  one_time_tokens: "invitation and reset links: secrets, short-lived",
  login_failures: "rate-limiting state, minutes long",
  preview_links: "shared secrets in links, short-lived",
  comment_secrets: "the server's hashing key: a secret of the installation",
  view_salts: "today's visitor-hash salt: never leaves the server",
  view_visitors: "today's visitor hashes: never leave the server",
  search_documents: "rebuilt from the articles on restore",
  data_versions: "a cache marker of the running instances",
  import_runs: "the admin's record of imports run on this server; their uploads stay behind",
  change_events:
    "the outbox of recent changes, for the instances running now; a restore adds its own",
  change_cursors: "how far each running instance has read the outbox",
  mail_outbox:
    "messages queued or sent by this server: the new server sends nothing again (an edition keeps its archive page; its delivery figures stay behind)",
};

/** The columns of `table` as written to an archive. */
export function exportedColumns(table: TableSpec, includeCredentials: boolean): string[] {
  const leave = includeCredentials ? [] : (table.credentials ?? []);
  return Object.keys(table.columns)
    .filter((c) => !leave.includes(c))
    .sort();
}

/**
 * A row as the driver returned it, as one canonical line of JSON: columns in sorted order (the
 * caller passes them sorted, see exportedColumns), keys of JSON values sorted at every depth.
 */
export function serializeRow(
  table: TableSpec,
  columns: readonly string[],
  row: Record<string, unknown>,
): string {
  let line = "{";
  for (const [i, column] of columns.entries()) {
    const value = row[column];
    const type = baseType(table.columns[column] as ColumnSpec);
    const canonical = value === null || value === undefined ? null : canonicalValue(type, value);
    line += `${i === 0 ? "" : ","}${JSON.stringify(column)}:${JSON.stringify(canonical)}`;
  }
  return `${line}}`;
}

function canonicalValue(type: ColumnType, value: unknown): unknown {
  switch (type) {
    case "text":
      return String(value);
    case "integer":
      return Number(value);
    case "boolean":
      return value === true || value === 1 || value === "1" || value === "t" || value === 1n;
    case "timestamp":
      return toIso(value as Date | string);
    case "json":
      return sortKeys(typeof value === "string" ? JSON.parse(value) : value);
  }
}

/** The value with every object's keys in sorted order (arrays keep theirs). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * A row read from an archive, checked against the table's description and turned into column
 * values either database accepts. Throws ArchiveError naming the member, the row and the column.
 */
export function deserializeRow(
  table: TableSpec,
  parsed: unknown,
  where: string,
  includesCredentials: boolean,
): Record<string, unknown> {
  const bad = (why: string) =>
    new ArchiveError("MH_ARCHIVE_CORRUPT", `${where}: ${why}; the archive was altered or damaged`);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw bad("a row is not a JSON object");
  const row = parsed as Record<string, unknown>;
  const columns = exportedColumns(table, includesCredentials);
  for (const key of Object.keys(row))
    if (!columns.includes(key)) throw bad(`unknown column '${key}'`);
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const added = table.added !== undefined && column in table.added;
    if (!(column in row) && !added) throw bad(`column '${column}' is missing`);
    const spec = table.columns[column] as ColumnSpec;
    const value = column in row ? row[column] : table.added?.[column];
    if (value === null) {
      if (!spec.endsWith("?")) throw bad(`column '${column}' is null`);
      out[column] = null;
      continue;
    }
    out[column] = columnValue(baseType(spec), value, () =>
      bad(`column '${column}' is not ${baseType(spec)}`),
    );
  }
  return out;
}

function columnValue(type: ColumnType, value: unknown, bad: () => Error): unknown {
  switch (type) {
    case "text":
      if (typeof value !== "string") throw bad();
      return value;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw bad();
      return value;
    case "boolean":
      // Written as 1/0: better-sqlite3 cannot bind booleans (see Bool in schema.ts).
      if (typeof value !== "boolean") throw bad();
      return value ? 1 : 0;
    case "timestamp":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw bad();
      return toIso(value);
    case "json":
      // As a JSON string: node-pg would turn an array into a PostgreSQL array literal.
      return JSON.stringify(value);
  }
}

function baseType(spec: ColumnSpec): ColumnType {
  return spec.replace("?", "") as ColumnType;
}

/** Whether a column holds text (compared byte by byte when rows are ordered). */
export function isTextColumn(table: TableSpec, column: string): boolean {
  return baseType(table.columns[column] as ColumnSpec) === "text";
}
