import type { ColumnType, Selectable } from "kysely";

/**
 * A point in time. Written as an ISO-8601 UTC string; read back as a string (SQLite `text`) or a
 * Date (PostgreSQL `timestamptz`), so rows pass through `toIso` before leaving the store.
 */
export type Timestamp = ColumnType<Date | string, string, string>;

/**
 * Structured JSON (SQLite `text`, PostgreSQL `jsonb`). Always written as a JSON string: node-pg
 * would turn a JS array into a PostgreSQL array literal. Read back through the dialect's `readJson`.
 */
export type Json = ColumnType<unknown, string, string>;

/**
 * A boolean (SQLite `integer`, PostgreSQL `boolean`). Written as 1/0 because better-sqlite3 cannot
 * bind booleans; PostgreSQL accepts '1'/'0' as boolean input.
 */
export type Bool = ColumnType<boolean | number, number, number>;

/** A whole number PostgreSQL may hand back as a string (bigint aggregates). */
export type Count = ColumnType<number | string | bigint, number, number>;

export interface SectionsTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  parent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PeopleTable {
  id: string;
  slug: string;
  name: string;
  role_title: string;
  team: string;
  short_bio: string;
  bio: string;
  avatar_id: string | null;
  avatar_alt: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts edits from 1, for optimistic concurrency. */
  version: ColumnType<number, number | undefined, number>;
}

export interface TagsTable {
  id: string;
  slug: string;
  name: string;
  created_at: Timestamp;
}

export interface MediaTable {
  id: string;
  storage_key: string;
  mime_type: string;
  width: number;
  height: number;
  alt: string;
  /** The longer text about the image (never shown to readers on its own); '' when none. */
  description: ColumnType<string, string | undefined, string>;
  credit_creator: string;
  credit_source_name: string;
  credit_source_url: string | null;
  license: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts edits from 1, for optimistic concurrency. */
  version: ColumnType<number, number | undefined, number>;
  /** The user who uploaded it; null for imported or demo media. */
  uploaded_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** How long a sound or video file plays, in milliseconds; null for other kinds (0025). */
  duration_ms: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One generated rendition of a media item (format × width). */
export interface MediaVariantsTable {
  media_id: string;
  format: string;
  width: number;
  height: number;
  storage_key: string;
  bytes: number;
}

export interface ArticlesTable {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  type: string;
  /** Null only for a page (migration 0011). */
  section_id: string | null;
  status: string;
  published_at: Timestamp | null;
  featured_image_id: string | null;
  body: Json;
  comments_enabled: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts saves and transitions from 1, for optimistic concurrency. */
  version: ColumnType<number, number | undefined, number>;
  /** 'article' or 'page' (ARTICLE_KINDS): pages are served at /<slug> and listed nowhere. */
  kind: ColumnType<string, string | undefined, string>;
  /** A page's schema.org type (PAGE_TYPES); 'WebPage' for articles, where it means nothing. */
  page_type: ColumnType<string, string | undefined, string>;
  /** Empty when the headline serves (migration 0017, as the three below). */
  meta_title: ColumnType<string, string | undefined, string>;
  /** Empty when the dek serves. */
  meta_description: ColumnType<string, string | undefined, string>;
  /** Null when the article's own address is canonical. */
  canonical_url: ColumnType<string | null, string | null | undefined, string | null>;
  featured_image_caption: ColumnType<string, string | undefined, string>;
}

export interface ArticleAuthorsTable {
  article_id: string;
  person_id: string;
  position: number;
}

export interface ArticleTagsTable {
  article_id: string;
  tag_id: string;
  position: number;
}

export interface TrackersTable {
  id: string;
  slug: string;
  title: string;
  description: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrackerEntriesTable {
  id: string;
  tracker_id: string;
  /** Counts from 0 in the order entries were added; unique per tracker. */
  position: number;
  title: string;
  summary: string;
  /** A calendar date, YYYY-MM-DD, kept as text so no time zone can shift it. */
  occurred_on: string | null;
  source_name: string;
  source_url: string | null;
  created_at: Timestamp;
}

export interface CommentsTable {
  id: string;
  article_id: string;
  author_name: string;
  author_email: string | null;
  body: string;
  status: string;
  created_at: Timestamp;
  /** The comment this one replies to; null for a top-level comment. */
  parent_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0 for a top-level comment, its parent's depth + 1 for a reply. */
  depth: ColumnType<number, number | undefined, number>;
  /**
   * Before migration 0018: a keyed hash of the email (else the address) that once decided trust.
   * Kept as history; nothing reads it now. Staff comments carry `u:<user id>`.
   */
  author_key: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * SHA-256 of the commenter id that the poster's signed cookie carries (migration 0018): trust
   * goes with it, never with a name or an email. Null for staff, imports and older comments.
   */
  commenter_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Keyed hash of the poster's address (never the address itself). */
  address_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when a signed-in staff member wrote it. */
  staff_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  edited_at: ColumnType<Date | string | null, string | null | undefined, string | null>;
  /** The commenter's web address, kept by imports (WordPress, Ghost); null otherwise. */
  author_url: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Addresses (by keyed hash) whose comments are held as spam. */
export interface CommentBlockedAddressesTable {
  address_hash: string;
  blocked_by: string | null;
  created_at: Timestamp;
}

/** Server secrets of the comments work, made once by its migration. */
export interface CommentSecretsTable {
  name: string;
  value: string;
}

/** Views per article per UTC day; an article's total is the sum of its days. */
export interface ArticleViewsDailyTable {
  article_id: string;
  /** YYYY-MM-DD in UTC. */
  day: string;
  views: Count;
}

/** The salt of one UTC day's visitor hashes; deleted once the day is over. */
export interface ViewSaltsTable {
  /** YYYY-MM-DD in UTC. */
  day: string;
  /** Random, base64url. */
  salt: string;
}

/** A visitor hash already counted on `day` (salted SHA-256 of address, browser, article). */
export interface ViewVisitorsTable {
  day: string;
  hash: string;
  /** Salted hash of the address (IPv6: its /64), day and article; null on rows from before 0019. */
  address_key: string | null;
  /** Which of the address key's `MASTHEAD_VIEWS_PER_ADDRESS` places the visitor holds (0-based). */
  slot: number | null;
}

/** Small publication-wide documents keyed by name (e.g. 'site'). */
export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

/** One saved state of an article: a full snapshot, kept on every save and transition. */
export interface ArticleRevisionsTable {
  id: string;
  article_id: string;
  /** The article's version this snapshot is. */
  version: number;
  /** What made it: create, edit, transition, restore or scheduled-publish. */
  kind: string;
  /** What changed since the state before, e.g. "headline changed; 1 block added". */
  summary: string;
  snapshot: Json;
  /** The user who made the change; null for the scheduler. */
  actor_user_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

/** An update or correction note shown on a published article. */
export interface ArticleCorrectionsTable {
  id: string;
  article_id: string;
  kind: string;
  note: string;
  actor_user_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

/** A checklist warning accepted at a publication or scheduling, with why (migration 0022). */
export interface PublishOverridesTable {
  id: string;
  article_id: string;
  /** The article's version the transition made. */
  version: number;
  /** The check's id, e.g. `featured-image` or `link-text@body.3.content.1`. */
  check_id: string;
  /** The warning as it read then. */
  message: string;
  reason: string;
  actor_user_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

/** One timestamped update of a live article (migration 0024). */
export interface LiveUpdatesTable {
  id: string;
  article_id: string;
  /** Blocks, as an article body. */
  body: Json;
  /** Null once the person was deleted. */
  author_id: string | null;
  pinned: Bool;
  posted_at: Timestamp;
  updated_at: Timestamp;
}

/** A live article whose coverage ended (or ended and reopened); no row: it goes on. */
export interface LiveCoverageTable {
  article_id: string;
  ended_at: Timestamp | null;
  updated_at: Timestamp;
}

/** A shareable, expiring link to an article's current state, whatever its status. */
export interface PreviewLinksTable {
  id: string;
  article_id: string;
  /** SHA-256 (hex) of the token in the link; the token itself is never stored. */
  token_hash: string;
  expires_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
}

/**
 * The search index's text of one public article (migration 0007). SQLite's FTS5 table and
 * PostgreSQL's generated tsvector column are built from these rows; see src/store/search/.
 */
export interface SearchDocumentsTable {
  /** Orders rows by publication time (see DOC_KEY_SLOTS in search/adapter.ts); bigint on PostgreSQL. */
  doc_id: ColumnType<number | string, number, number>;
  article_id: string;
  section_id: string;
  published_at: Timestamp;
  headline: string;
  dek: string;
  /** The byline: authors' names in order, comma-separated. */
  authors: string;
  section_name: string;
  /** Plain text of the body (see articlePlainText). */
  body: string;
  /** The section as one token (see sectionKey), for SQLite's FTS5 to filter on. */
  section_key: string;
}

/** Which Masthead record each imported source record became (see import-sources.ts). */
export interface ImportSourcesTable {
  source: string;
  kind: string;
  source_id: string;
  target_id: string;
  target_version: number | null;
  content_hash: string;
  imported_at: Timestamp;
}

/** An old address answered with a 301 to a new one (migration 0010, src/store/redirects.ts). */
export interface RedirectsTable {
  id: string;
  /** Exact: the path's key (normalised, lower case); pattern: the pattern as written. */
  from_path: string;
  /** The sorted query an exact redirect requires; '' for none and for patterns. */
  from_query: string;
  /** A site path or an http(s) URL; a pattern's target may hold its `:param` names and `*`. */
  to_path: string;
  /** The target as a `from` would be stored (normalised, lower case); '' for an external URL. */
  to_key: string;
  /** 'exact' or 'pattern'. */
  kind: string;
  /** What made it: 'manual', 'slug' (a slug change) or 'import'. */
  source: string;
  created_at: Timestamp;
}

/** An old address that answers 410 Gone (see gone-addresses.ts). */
/** A version of data every instance keeps in memory; any change to the data changes it. */
export interface DataVersionsTable {
  /** e.g. "redirects" (the redirects and gone addresses) */
  name: string;
  version: string;
}

export interface GoneAddressesTable {
  /** The path as `pathKey` (src/content/redirect.ts) gives it. */
  path_key: string;
  /** The query as `normalizeQuery` gives it; '' for none. */
  query: string;
  reason: string;
  created_at: Timestamp;
}

/** An import started from the admin app (migration 0015, see import-runs.ts). */
export interface ImportRunsTable {
  id: string;
  /** "wordpress" or "ghost". */
  platform: string;
  file_name: string;
  file_size: Count;
  upload_id: string;
  /** { dryRun, asDraft, overwrite } */
  options: Json;
  /** queued, running, done or failed. */
  status: string;
  /** { pass, done, total } as the importer last reported it. */
  progress: Json | null;
  /** The whole ImportReport once done. */
  report: Json | null;
  error_code: string | null;
  error: string | null;
  started_by: string | null;
  started_at: Timestamp;
  /** Written while the run is alive; a stale one means its process died. */
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
}

/** One recorded change event (migration 0020, see change-log.ts). */
export interface ChangeEventsTable {
  /** Given by the database, growing in commit order. */
  position: ColumnType<number | string | bigint, never, never>;
  type: string;
  /** { ids, paths, data? } of the ChangeEvent. */
  payload: Json;
  created_at: Timestamp;
}

/** Where a reader of the change events has got to (see change-log.ts). */
export interface ChangeCursorsTable {
  reader: string;
  position: Count;
  seen_at: Timestamp;
}

/** A newsletter readers can subscribe to (migration 0027). */
export interface NewslettersTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** { cadence, sectionIds, hourUtc, weekday? } of its automatic digest, or null. */
  digest: Json | null;
  active: Bool;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One reader's address and where they stand: pending, confirmed or unsubscribed. */
export interface SubscribersTable {
  id: string;
  email: string;
  name: string | null;
  status: string;
  /** Signs this subscriber's links (confirm, preferences, unsubscribe). */
  secret: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  unsubscribed_at: Timestamp | null;
  confirm_sent_at: Timestamp | null;
  updated_at: Timestamp;
}

/** Which newsletters a subscriber takes. */
export interface SubscriptionsTable {
  subscriber_id: string;
  newsletter_id: string;
  created_at: Timestamp;
}

/** The record of consent: each subscribe, confirm, change and unsubscribe, with its form. */
export interface SubscriberConsentsTable {
  id: string;
  subscriber_id: string;
  action: string;
  form: string;
  newsletter_ids: Json;
  /** The edition whose link was used (an unsubscribe from a message), else null. */
  edition_id: string | null;
  at: Timestamp;
  /** Why an editor recorded it (migration 0030); null for a reader's own action. */
  note: string | null;
  /** The account that recorded it by hand, else null. */
  user_id: string | null;
}

/** Addresses never mailed again (a hard bounce, a complaint, an SMTP refusal, by hand). */
export interface MailSuppressionsTable {
  email: string;
  reason: string;
  detail: string | null;
  created_at: Timestamp;
}

/** One issue of a newsletter: an article sent as a newsletter, or a digest. */
export interface EditionsTable {
  id: string;
  newsletter_id: string;
  kind: string;
  article_id: string | null;
  article_ids: Json;
  subject: string;
  intro: string;
  slug: string;
  status: string;
  html: string | null;
  text: string | null;
  send_at: Timestamp | null;
  recipients: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  queued_at: Timestamp | null;
  sent_at: Timestamp | null;
}

/** The durable outbox: one row per recipient per message, claimed by a sender with a lease. */
export interface MailOutboxTable {
  id: string;
  message_id: string;
  kind: string;
  dedupe_key: string | null;
  edition_id: string | null;
  subscriber_id: string | null;
  user_id: string | null;
  to_address: string;
  to_name: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Json | null;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** A staff member's switch for one kind of notification; no row: on. */
export interface NotificationSettingsTable {
  user_id: string;
  kind: string;
  enabled: Bool;
}

/** A commenter's email confirmation, by the hash of the token mailed to them. */
export interface CommenterEmailConfirmationsTable {
  token_hash: string;
  commenter_hash: string;
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  confirmed_at: Timestamp | null;
}

/** Every table the store owns, as Kysely sees them. */
export interface Database {
  sections: SectionsTable;
  people: PeopleTable;
  tags: TagsTable;
  media: MediaTable;
  media_variants: MediaVariantsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  article_revisions: ArticleRevisionsTable;
  article_corrections: ArticleCorrectionsTable;
  publish_overrides: PublishOverridesTable;
  live_updates: LiveUpdatesTable;
  live_coverage: LiveCoverageTable;
  preview_links: PreviewLinksTable;
  trackers: TrackersTable;
  tracker_entries: TrackerEntriesTable;
  comments: CommentsTable;
  comment_blocked_addresses: CommentBlockedAddressesTable;
  comment_secrets: CommentSecretsTable;
  article_views_daily: ArticleViewsDailyTable;
  view_salts: ViewSaltsTable;
  view_visitors: ViewVisitorsTable;
  settings: SettingsTable;
  search_documents: SearchDocumentsTable;
  redirects: RedirectsTable;
  import_sources: ImportSourcesTable;
  gone_addresses: GoneAddressesTable;
  data_versions: DataVersionsTable;
  import_runs: ImportRunsTable;
  change_events: ChangeEventsTable;
  change_cursors: ChangeCursorsTable;
  newsletters: NewslettersTable;
  subscribers: SubscribersTable;
  subscriptions: SubscriptionsTable;
  subscriber_consents: SubscriberConsentsTable;
  mail_suppressions: MailSuppressionsTable;
  editions: EditionsTable;
  mail_outbox: MailOutboxTable;
  notification_settings: NotificationSettingsTable;
  commenter_email_confirmations: CommenterEmailConfirmationsTable;
}

export type SectionRow = Selectable<SectionsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type MediaVariantRow = Selectable<MediaVariantsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type ArticleRevisionRow = Selectable<ArticleRevisionsTable>;
export type ArticleCorrectionRow = Selectable<ArticleCorrectionsTable>;
export type TrackerRow = Selectable<TrackersTable>;
export type TrackerEntryRow = Selectable<TrackerEntriesTable>;
export type CommentRow = Selectable<CommentsTable>;
