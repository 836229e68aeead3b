// How long sessions and links live and how many sign-in failures are tolerated: the numbers
// docs/SECURITY.md states, in one place.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 12 * HOUR;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** Activity moves a session's expiry at most this often, so requests do not each cost a write. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

/** An invitation link works this long. */
export const INVITE_TTL_MS = 7 * DAY;
/** A password-reset link works this long. */
export const RESET_TTL_MS = HOUR;
/** The set-password link of an account created without a password works this long. */
export const NEW_ACCOUNT_LINK_TTL_MS = 7 * DAY;

/** Failed sign-ins are counted over this window… */
export const LOGIN_WINDOW_MS = 15 * MINUTE;
/** …at most this many per account (email tried)… */
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
/** …and this many per client address. */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 20;

/** The session cookie's name. */
export const SESSION_COOKIE = "mh_session";
/** The header that carries the CSRF token on state-changing requests made with the cookie. */
export const CSRF_HEADER = "x-csrf-token";
