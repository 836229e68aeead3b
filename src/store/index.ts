// The store: opening SQLite or PostgreSQL, migrations, and one module per aggregate.
export { type ArticlePage, loadArticlePage } from "./article-page.js";
export {
  createArticle,
  getArticleById,
  getArticleBySlug,
  hasAnyContent,
  type ListArticlesOptions,
  listArticles,
  updateArticle,
} from "./articles.js";
export { addComment, type CommentFilter, countComments, listComments } from "./comments.js";
export {
  ConflictError,
  NotFoundError,
  StoreError,
  type StoreErrorCode,
} from "./errors.js";
export {
  createMedia,
  deleteMedia,
  getMediaById,
  getMediaByIds,
  getMediaRecord,
  type ListMediaOptions,
  listMedia,
  MediaInUseError,
  type MediaDetailsChange,
  type MediaRecord,
  type MediaUsage,
  mediaUsage,
  type NewMediaExtras,
  type StoredMediaVariant,
  updateMedia,
  updateMediaDetails,
  type VersionedSave,
} from "./media.js";
export { migrateToLatest } from "./migrate.js";
export {
  createPerson,
  getPeopleByIds,
  getPersonById,
  getPersonBySlug,
  listPeople,
  updatePerson,
} from "./people.js";
export type { Database } from "./schema.js";
export {
  createSection,
  getSectionById,
  getSectionBySlug,
  listSections,
  updateSection,
} from "./sections.js";
export { getSettings, updateSettings } from "./settings.js";
export { type Dialect, inTransaction, openStore, type Store, transact } from "./store.js";
export { createTag, getTagById, getTagBySlug, getTagsByIds, listTags } from "./tags.js";
export {
  addTrackerEntry,
  createTracker,
  getTrackerById,
  getTrackerBySlug,
  getTrackerSummaries,
  type TrackerUpdateInput,
  updateTracker,
} from "./trackers.js";
export { addViews, getViews } from "./views.js";
