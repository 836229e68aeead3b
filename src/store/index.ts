// The store: opening SQLite or PostgreSQL, migrations, and one module per aggregate.
// Its errors are declared in the catalogue, src/content/errors.ts.
export type { ApiKeyRow, OneTimeTokenRow, SessionRow, UserRow } from "./accounts-schema.js";
export {
  type ApiKey,
  type ApiKeyCredentials,
  createApiKey,
  getApiKeyBySecretHash,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
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
  createArticle,
  deleteArticle,
  getArticleById,
  getArticleBySlug,
  getArticlesByIds,
  getVersionedArticle,
  hasAnyContent,
  type ListArticlesOptions,
  listArticleSummaries,
  listArticles,
  type ReplacedArticle,
  replaceArticle,
  type UpdateArticleOptions,
  updateArticle,
  type VersionedArticle,
} from "./articles.js";
export {
  addComment,
  type BlockedAddress,
  blockAddress,
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
  moderateComment,
  type StoredComment,
  unblockAddress,
} from "./comments.js";
export { addCorrection, type CorrectionRecord, listCorrections } from "./corrections.js";
export { isGone, markGone, unmarkGone } from "./gone-addresses.js";
export {
  activeImportRun,
  createImportRun,
  failStaleImportRuns,
  finishImportRun,
  getImportRun,
  type ImportRun,
  ImportRunningError,
  type ImportRunOptions,
  type ImportRunProgress,
  type ImportRunStatus,
  INTERRUPTED,
  listImportRuns,
  type NewImportRun,
  recordImportProgress,
} from "./import-runs.js";
export {
  type ImportedKind,
  type ImportedRecord,
  importedRecords,
  recordImported,
} from "./import-sources.js";
export { type ImportedComment, putImportedComments } from "./imported-comments.js";
export { clearLoginFailures, recentLoginFailures, recordLoginFailure } from "./login-failures.js";
export {
  createMedia,
  deleteMedia,
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
  updateMedia,
  updateMediaDetails,
  type VersionedSave,
} from "./media.js";
export { migrateToLatest } from "./migrate.js";
export {
  claimFirstRunSetup,
  consumeOneTimeToken,
  createOneTimeToken,
  type OneTimeToken,
  type OneTimeTokenKind,
  voidUnusedTokens,
} from "./one-time-tokens.js";
export {
  createPerson,
  getPeopleByIds,
  getPersonById,
  getPersonBySlug,
  getVersionedPerson,
  listPeople,
  updatePerson,
} from "./people.js";
export {
  createPreviewLink,
  findPreviewArticleId,
  listPreviewLinks,
  type PreviewLink,
  revokePreviewLink,
} from "./preview-links.js";
export { REDIRECT_FRESHNESS_MS } from "./redirect-index.js";
export {
  addRedirect,
  addRedirects,
  type BulkRedirectResult,
  findRedirect,
  getRedirectById,
  type ListRedirectsOptions,
  listRedirects,
  redirectMovedPath,
  removeRedirect,
} from "./redirects.js";
export {
  addRevisions,
  type ChangeAuthor,
  getRevision,
  listRevisions,
  type NewRevision,
  type Revision,
  type RevisionKind,
  type RevisionSummary,
} from "./revisions.js";
export { nextScheduledAt, publishDueArticles, SCHEDULER } from "./scheduled-publishing.js";
export type { Database } from "./schema.js";
export {
  reindexAllArticles,
  reindexArticles,
  SEARCH_COUNT_CAP,
  type SearchHit,
  type SearchOptions,
  type SearchResults,
  searchArticles,
} from "./search.js";
export {
  createSection,
  getSectionById,
  getSectionBySlug,
  listSections,
  updateSection,
} from "./sections.js";
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  getSession,
  type StoredSession,
  touchSession,
} from "./sessions.js";
export { getSettings, updateSettings } from "./settings.js";
export {
  type ArticleStamp,
  type ListingStamp,
  listArticleStamps,
  listAuthorStamps,
  listTagStamps,
} from "./sitemap-entries.js";
export { listStaffIdentities, type StaffIdentities } from "./staff-identities.js";
export {
  type Dialect,
  duringBulkWrites,
  inTransaction,
  openStore,
  type Store,
  transact,
} from "./store.js";
export {
  createTag,
  getTagById,
  getTagBySlug,
  getTagsByIds,
  listTags,
  updateTag,
} from "./tags.js";
export {
  addTrackerEntry,
  createTracker,
  deleteTrackerEntry,
  getTrackerById,
  getTrackerBySlug,
  getTrackerSummaries,
  listTrackers,
  type TrackerEntryChange,
  type TrackerUpdateInput,
  updateTracker,
  updateTrackerEntry,
} from "./trackers.js";
export {
  countUsers,
  createUser,
  getUserByEmail,
  getUserById,
  getUserCredentials,
  LastOwnerError,
  listUsers,
  setPasswordHash,
  type UserChange,
  updateUser,
} from "./users.js";
export {
  addViews,
  type DailyViews,
  dailyViews,
  daySalt,
  forgetVisitorsBefore,
  getViews,
  getViewTarget,
  type MostReadArticle,
  mostRead,
  type PendingView,
  type RecordedViews,
  type RecordViewsOptions,
  recordViews,
  type ViewTarget,
  viewTotals,
} from "./views.js";
export {
  createDraft,
  editableFields,
  restoreRevision,
  saveArticle,
  type TransitionChange,
  transitionArticle,
  type VersionedChange,
} from "./workflow.js";
export * from "./change-log.js";
export * from "./change-signal.js";
