import { ApiError } from "../api/admin/errors.js";

/** 403: a state-changing request made with the session cookie lacks the session's CSRF token. */
export const csrfRejected = () =>
  new ApiError(
    403,
    "MH_CSRF",
    "missing or wrong X-CSRF-Token header: send the csrfToken from GET /api/admin/v1/session with every change",
  );

/** 401 for a failed sign-in; the same words whether the email exists or not. */
export const badCredentials = () =>
  new ApiError(401, "MH_UNAUTHENTICATED", "that email and password do not match an active account");

/** 400 for a one-time link that does not exist, was used already or has expired. */
export const linkInvalid = (what: string) =>
  new ApiError(
    400,
    "MH_BAD_REQUEST",
    `this ${what} link is not valid: it was used already, has expired or was mistyped; ask for a new one`,
  );

/** 409 for first-run setup once an account exists. */
export const setupDone = () =>
  new ApiError(
    409,
    "MH_CONFLICT",
    "setup is already done: an account exists. Sign in, or ask an owner for an invitation",
  );

/** 429: too many failed sign-ins; `retryAfterSeconds` says when trying again can work. */
export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      "MH_RATE_LIMITED",
      `too many failed sign-in attempts; try again in ${describeWait(retryAfterSeconds)}, or reset the password`,
    );
    this.name = "RateLimitedError";
  }
}

function describeWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
