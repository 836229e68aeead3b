// Every store function that changes the publication or its accounts, and `transact`, which they
// run in. Only the services (and the layers below HTTP: auth, importers, archive, the change
// dispatcher) may import them; route handlers, public forms and CLI commands call a service,
// which checks permission and records the change events in the same transaction (issue 13).
export { createApiKey, revokeApiKey, touchApiKey } from "./api-keys.js";
export { createArticle, deleteArticle, replaceArticle, updateArticle } from "./articles.js";
export {
  closeChangeCursor,
  openChangeCursor,
  pruneChanges,
  recordChanges,
  saveChangeCursor,
} from "./change-log.js";
export {
  addCommenterConfirmation,
  confirmCommenterEmail,
} from "./commenter-confirmations.js";
export { addComment, blockAddress, moderateComment, unblockAddress } from "./comments.js";
export { addCorrection } from "./corrections.js";
export {
  deleteDraftEdition,
  finishSentEditions,
  insertEdition,
  markEditionQueued,
  markEditionsSending,
  type NewEdition,
  queueEditionMail,
  updateDraftEdition,
} from "./editions.js";
export { markGone, unmarkGone } from "./gone-addresses.js";
export {
  createImportRun,
  failStaleImportRuns,
  finishImportRun,
  recordImportProgress,
} from "./import-runs.js";
export { recordImported } from "./import-sources.js";
export { putImportedComments } from "./imported-comments.js";
export {
  addLiveUpdate,
  deleteLiveUpdate,
  setLiveCoverageEnded,
  updateLiveUpdate,
} from "./live-updates.js";
export { clearLoginFailures, recordLoginFailure } from "./login-failures.js";
export {
  claimDueMail,
  deferMail,
  finishMail,
  markMailSent,
  type NewMail,
  queueMail,
  releaseMailLeases,
  rescheduleMail,
} from "./mail-outbox.js";
export { recordBounce, suppressAddress, unsuppressAddress } from "./mail-suppressions.js";
export { createMedia, deleteMedia, updateMedia, updateMediaDetails } from "./media.js";
export { createNewsletter, deleteNewsletter, updateNewsletter } from "./newsletters.js";
export {
  claimFirstRunSetup,
  consumeOneTimeToken,
  createOneTimeToken,
  voidUnusedTokens,
} from "./one-time-tokens.js";
export { createPerson, updatePerson } from "./people.js";
export { createPreviewLink, revokePreviewLink } from "./preview-links.js";
export { addPublishOverrides } from "./publish-overrides.js";
export { addRedirect, addRedirects, redirectMovedPath, removeRedirect } from "./redirects.js";
export { addRevisions } from "./revisions.js";
export { publishDueArticles } from "./scheduled-publishing.js";
export { reindexAllArticles, reindexArticles } from "./search.js";
export { createSection, updateSection } from "./sections.js";
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  touchSession,
} from "./sessions.js";
export { updateSettings } from "./settings.js";
export { refreshQueuedMail, setNotificationSwitches } from "./staff-notifications.js";
export { duringBulkWrites, inTransaction, transact } from "./store.js";
export {
  addSubscriptions,
  claimConfirmationSlot,
  createSubscriber,
  createSubscribers,
  deleteSubscriber,
  type NewConsent,
  type NewSubscriber,
  recordConsents,
  type SubscriberFields,
  setSubscriptions,
  updateSubscriberFields,
} from "./subscribers.js";
export { createTag, updateTag } from "./tags.js";
export {
  redirectMovedListing,
  removePerson,
  removeSection,
  removeTag,
  removeTracker,
  replaceArticleFields,
} from "./taxonomy-removal.js";
export {
  addTrackerEntry,
  createTracker,
  deleteTrackerEntry,
  updateTracker,
  updateTrackerEntry,
} from "./trackers.js";
export { createUser, setPasswordHash, updateUser } from "./users.js";
export { addViews, forgetVisitorsBefore, recordViews } from "./views.js";
export { createDraft, restoreRevision, saveArticle, transitionArticle } from "./workflow.js";
