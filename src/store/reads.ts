// What the HTTP layers and the command line may take from the store (the rule
// writes-only-through-services in .dependency-cruiser.cjs): reads, types, errors, and opening and
// migrating the database, none of which changes the publication. Every editorial write is in
// writes.ts, for the services; index.ts is both, for the layers below HTTP and for tests.
// A few reads make what they read on first use (the comment-form secret, the day's view salt):
// keys of their own, not content, so they stay here.
export type { ApiKeyRow, OneTimeTokenRow, SessionRow, UserRow } from "./accounts-schema.js";
export {
  type ApiKey,
  type ApiKeyCredentials,
  getApiKeyBySecretHash,
  listApiKeys,
} from "./api-keys.js";
export {
  type ArticlePage,
  loadArticlePage,
  loadArticlePreview,
  loadPublicPage,
  type PreviewPage,
  type PublicPage,
} from "./article-page.js";
export { type ArticleLocation, articleLocations } from "./article-places.js";
export {
  type ArticleSummary,
  articleReferences,
  getArticleById,
  getArticleBySlug,
  getArticlesByIds,
  getVersionedArticle,
  hasAnyContent,
  type ListArticlesOptions,
  listArticleSummaries,
  listArticles,
  type ReplacedArticle,
  type UpdateArticleOptions,
  type VersionedArticle,
} from "./articles.js";
export {
  CHANGES_CHANNEL,
  latestChangePosition,
  READER_GONE_AFTER_MS,
  readChangesAfter,
} from "./change-log.js";
export { type ChangeSignal, type ChangeSignalHandlers, listenForChanges } from "./change-signal.js";
export {
  type CommenterConfirmation,
  getCommenterConfirmation,
  lastConfirmationAskedAt,
} from "./commenter-confirmations.js";
export {
  type BlockedAddress,
  type CommentAuthorship,
  CommentConflictError,
  type CommentFilter,
  type CommentRateLimit,
  CommentRateLimitedError,
  type CommentWithArticle,
  countApprovedComments,
  countComments,
  countCommentsByStatus,
  type FindCommentsOptions,
  findComments,
  getComment,
  getCommentSecret,
  isAddressBlocked,
  isTrustedCommenter,
  listBlockedAddresses,
  listComments,
  type StoredComment,
} from "./comments.js";
export type { CheckedReferences, Reference } from "./constraints.js";
export { type CorrectionRecord, listCorrections } from "./corrections.js";
export {
  editionFigures,
  getEdition,
  getEditionParts,
  getPublicEdition,
  listEditions,
  newsletterDraftCounts,
  newsletterSubscriberCounts,
  publishedArticleIdsBetween,
} from "./editions.js";
export { isGone } from "./gone-addresses.js";
export {
  activeImportRun,
  getImportRun,
  type ImportRun,
  ImportRunningError,
  type ImportRunOptions,
  type ImportRunProgress,
  type ImportRunStatus,
  INTERRUPTED,
  listImportRuns,
  type NewImportRun,
} from "./import-runs.js";
export { type ImportedKind, type ImportedRecord, importedRecords } from "./import-sources.js";
export type { ImportedComment } from "./imported-comments.js";
export {
  findPublicLiveArticle,
  getLiveCoverage,
  getLiveUpdate,
  listLiveUpdates,
  liveUpdateIds,
  loadLiveBlog,
  loadLiveUpdateRefs,
} from "./live-updates.js";
export { recentLoginFailures } from "./login-failures.js";
export {
  type ClaimedMail,
  countQueuedMail,
  type EditionContent,
  editionContent,
  MAIL_MAX_ATTEMPTS,
  messageIdFor,
  retryDelayMs,
  type SubscriberForMail,
  subscriberSecrets,
} from "./mail-outbox.js";
export {
  getSuppression,
  type Suppression,
  suppressedAmong,
  suppressionKey,
} from "./mail-suppressions.js";
export {
  getMediaById,
  getMediaByIds,
  getMediaRecord,
  type ListMediaOptions,
  listMedia,
  type MediaDetailsChange,
  MediaInUseError,
  type MediaRecord,
  type MediaUsage,
  mediaUsage,
  type NewMediaExtras,
  referencedStorageKeys,
  type StoredMediaVariant,
  type VersionedSave,
} from "./media.js";
export { migrateToLatest } from "./migrate.js";
export { getNewsletter, getNewsletterBySlug, listNewsletters } from "./newsletters.js";
export type { OneTimeToken, OneTimeTokenKind } from "./one-time-tokens.js";
export {
  getPeopleByIds,
  getPersonById,
  getPersonBySlug,
  getVersionedPerson,
  listPeople,
} from "./people.js";
export { findPreviewArticleId, listPreviewLinks, type PreviewLink } from "./preview-links.js";
export { listPublishOverrides, type PublishOverride } from "./publish-overrides.js";
export { REDIRECT_FRESHNESS_MS, redirectIndexConsumer } from "./redirect-index.js";
export {
  type BulkRedirectResult,
  findRedirect,
  getRedirectById,
  type ListRedirectsOptions,
  listRedirects,
} from "./redirects.js";
export {
  type ChangeAuthor,
  getRevision,
  listRevisions,
  type NewRevision,
  type Revision,
  type RevisionKind,
  type RevisionSummary,
} from "./revisions.js";
export { listDueScheduled, nextScheduledAt, SCHEDULER } from "./scheduled-publishing.js";
export type { Database } from "./schema.js";
export {
  SEARCH_COUNT_CAP,
  type SearchHit,
  type SearchOptions,
  type SearchResults,
  searchArticles,
} from "./search.js";
export { getSectionById, getSectionBySlug, listSections } from "./sections.js";
export { getSession, type StoredSession } from "./sessions.js";
export { getSettings } from "./settings.js";
export {
  type ArticleStamp,
  type ListingStamp,
  listArticleStamps,
  listAuthorStamps,
  listTagStamps,
} from "./sitemap-entries.js";
export { listStaffIdentities, type StaffIdentities } from "./staff-identities.js";
export {
  articleAuthorUserIds,
  getNotificationSwitches,
  type HeldComment,
  heldComments,
  lastTransitionUserId,
  listNotificationRecipients,
  type NotificationRecipient,
} from "./staff-notifications.js";
export { type Dialect, openStore, type Store } from "./store.js";
export {
  countConsentsSince,
  eachSubscriber,
  getSubscriber,
  getSubscriberByEmail,
  listConsents,
  listSubscribers,
  type StoredSubscriber,
  subscriberIndex,
  takesSubscribers,
} from "./subscribers.js";
export { getTagById, getTagBySlug, getTagsByIds, listTags } from "./tags.js";
export {
  type ArticleRewrite,
  type ArticleUse,
  articleIdsUsing,
  tagArticleCounts,
} from "./taxonomy-removal.js";
export {
  getTrackerById,
  getTrackerBySlug,
  getTrackerSummaries,
  listTrackers,
  type TrackerEntryChange,
  type TrackerUpdateInput,
} from "./trackers.js";
export {
  countUsers,
  getUserByEmail,
  getUserById,
  getUserCredentials,
  LastOwnerError,
  listUsers,
  type UserChange,
} from "./users.js";
export {
  type DailyViews,
  dailyViews,
  daySalt,
  getViews,
  getViewTarget,
  type MostReadArticle,
  mostRead,
  type PendingView,
  type RecordedViews,
  type RecordViewsOptions,
  type ViewTarget,
  viewTotals,
} from "./views.js";
export { editableFields, type TransitionChange, type VersionedChange } from "./workflow.js";
