// The anti-spam numbers docs/COMMENTS.md states, in one place.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/**
 * A person needs at least this long to read and write; a bot posts at once. Measured from when
 * the form was rendered, so a page served from the cache is older than it looks and the rule is
 * only looser for it, never stricter (see docs/COMMENTS.md).
 */
export const COMMENT_MIN_SUBMIT_MS = 3 * SECOND;
/** A form older than this is refused (the text is kept and shown with a fresh form). */
export const COMMENT_FORM_MAX_AGE_MS = 7 * DAY;
/** At most this many comments per address… */
export const COMMENT_RATE_LIMIT = 5;
/** …in this window, counted in the database so the limit holds across instances. */
export const COMMENT_RATE_WINDOW_MS = 10 * MINUTE;
/** The hidden field a person never fills in; bots that fill every field do. */
export const HONEYPOT_FIELD = "website";
/**
 * The cookie that carries a commenter's signed token (see signing.ts): set only by posting a
 * comment, so readers who never comment never get it, and cached pages never set it.
 */
export const COMMENTER_COOKIE = "mh_commenter";
/** It lives a year, renewed by each comment: a regular keeps the trust an approval gave them. */
export const COMMENTER_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
/** Only the comment form's POST needs it: every comment is posted under /articles/. */
export const COMMENTER_COOKIE_PATH = "/articles";
