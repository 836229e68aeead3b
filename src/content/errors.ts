// The error catalogue: every MH_ code Masthead answers with, declared once with its HTTP status,
// whether its message may be shown to a client, the command line's exit code and what it means.
// Every layer throws MastheadError (or a subclass below that carries data); the HTTP layer
// (http/error-reply.ts), the CLI (cli/output.ts) and the admin app read statuses, exits and the
// code type from here, so no class or call site chooses a status or an exit itself.
//
// It lives in the domain because every layer may import the domain and the domain imports
// nothing: `@fastify/error` would declare the same things but pull Fastify into content/, the
// importers' worker threads and the browser's admin app.

/** One offending field: where it is (dot path) and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The command line's exit codes. 1 and 2 are the shell's usual failure and misuse; the rest
 * borrow sysexits.h where it has a fitting name, so scripts can tell "try again later" (69, 75)
 * from "fix the input" (1) or "fix the state" (3, 4).
 */
export const EXIT = {
  /** The input was refused (invalid content, a file that is not what it should be). */
  invalid: 1,
  /** The command was called wrongly. */
  usage: 2,
  /** What the command names does not exist. */
  notFound: 3,
  /** The data's current state refuses the change (taken, changed meanwhile, not empty). */
  conflict: 4,
  /** Not allowed (never reached by the CLI today, which acts as the operator). */
  forbidden: 5,
  /** EX_UNAVAILABLE: the database (or the server) cannot be reached. */
  unavailable: 69,
  /** EX_SOFTWARE: an internal failure; the message (and the log) say more. */
  internal: 70,
  /** EX_IOERR: writing a file failed (disk full, permission denied). */
  ioError: 74,
  /** EX_TEMPFAIL: busy or rate-limited; the same command can work later. */
  tempFail: 75,
  /** EX_CONFIG: a configuration value cannot be used. */
  config: 78,
} as const;

/** What the catalogue says of one code. */
export interface ErrorSpec {
  /** The HTTP status an API answers with. */
  readonly status: number;
  /** Whether the message may reach a client; when not, it gets a generic one (the log has it). */
  readonly expose: boolean;
  /** The command line's exit code. */
  readonly cliExit: (typeof EXIT)[keyof typeof EXIT];
  /** Seconds to send as Retry-After when the error itself carries none. */
  readonly retryAfter?: number;
  /** What the code means, as docs/ADMIN_API.md says it. */
  readonly description: string;
}

/**
 * Seconds a client is told to wait (Retry-After) when the database cannot be reached: long enough
 * not to hammer a server that is restarting, short enough that readers come back soon after.
 */
export const DB_RETRY_AFTER_SECONDS = 10;

/** Every code, its status, exposure, exit and meaning. docs/ADMIN_API.md lists them all (tested). */
export const ERROR_CODES = {
  MH_BAD_REQUEST: {
    status: 400,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the request cannot be read (bad JSON, a bad multipart body, an invalid link)",
  },
  MH_CONTENT_INVALID: {
    status: 400,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the input fails its schema; `issues` names each field",
  },
  MH_UNAUTHENTICATED: {
    status: 401,
    expose: true,
    cliExit: EXIT.forbidden,
    description: "no valid session or API key, or a failed sign-in",
  },
  MH_FORBIDDEN: {
    status: 403,
    expose: true,
    cliExit: EXIT.forbidden,
    description: "signed in, but the role or the key's scope does not allow this",
  },
  MH_CSRF: {
    status: 403,
    expose: true,
    cliExit: EXIT.forbidden,
    description: "a change made with the session cookie lacks the session's X-CSRF-Token",
  },
  MH_STAFF_IDENTITY: {
    status: 403,
    expose: true,
    cliExit: EXIT.forbidden,
    description: "a reader used a staff member's name or email without signing in",
  },
  MH_NOT_FOUND: {
    status: 404,
    expose: true,
    cliExit: EXIT.notFound,
    description: "no such endpoint or record",
  },
  MH_METHOD_NOT_ALLOWED: {
    status: 405,
    expose: true,
    cliExit: EXIT.usage,
    description: "the endpoint exists but not for this method",
  },
  MH_CONFLICT: {
    status: 409,
    expose: true,
    cliExit: EXIT.conflict,
    description: "the change breaks a rule of the data (a taken slug, a move the workflow forbids)",
  },
  MH_INCOMPLETE: {
    status: 422,
    expose: true,
    cliExit: EXIT.conflict,
    description:
      "the article still has gaps (an unfinished block, no section, no author): `issues` lists every one; a draft may keep them, review and publication may not",
  },
  MH_CHECKLIST: {
    status: 422,
    expose: true,
    cliExit: EXIT.conflict,
    description:
      "the pre-publish checklist holds an error, or a warning not overridden with a reason: `issues` lists each as `checks.<id>`",
  },
  MH_LIVE_ENDED: {
    status: 409,
    expose: true,
    cliExit: EXIT.conflict,
    description:
      "the live article's coverage has ended: reopen it before posting or changing updates",
  },
  MH_NOT_LIVE: {
    status: 409,
    expose: true,
    cliExit: EXIT.conflict,
    description:
      "live updates go on live articles only (type `live`); this article is another type",
  },
  MH_STALE: {
    status: 409,
    expose: true,
    cliExit: EXIT.conflict,
    description:
      "the record changed since the client read it, or the client did not say which version it read",
  },
  MH_MERGE_INVALID: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description:
      "a merge or deletion names no usable destination: itself, an unknown one, or none where articles need one",
  },
  MH_ARCHIVE_SOURCE_INCOMPLETE: {
    status: 409,
    expose: true,
    cliExit: EXIT.conflict,
    description: "an export could not read what it must include (a media file is gone)",
  },
  MH_ARCHIVE_TARGET_NOT_EMPTY: {
    status: 409,
    expose: true,
    cliExit: EXIT.conflict,
    description: "a restore into a database that holds content, without --force",
  },
  MH_TOO_LARGE: {
    status: 413,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the body, file or image is over its limit",
  },
  MH_UNSUPPORTED_MEDIA: {
    status: 415,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the body or file is not of an accepted type",
  },
  MH_IMPORT_INVALID: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the import file cannot be read; the message says what and where",
  },
  MH_BOUNCE_UNREADABLE: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description:
      "a bounce report cannot be read: malformed JSON, neither a delivery report nor an SES/SNS notification, or one that names no recipient",
  },
  MH_IMAGE_FAILED: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description: "processing an image stopped before it finished; nothing was stored",
  },
  MH_ARCHIVE_NOT_AN_ARCHIVE: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the file is not a Masthead archive",
  },
  MH_ARCHIVE_TOO_NEW: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the archive comes from a newer Masthead, in a format this one cannot read",
  },
  MH_ARCHIVE_CORRUPT: {
    status: 422,
    expose: true,
    cliExit: EXIT.invalid,
    description: "the archive is cut short, altered or damaged",
  },
  MH_RATE_LIMITED: {
    status: 429,
    expose: true,
    cliExit: EXIT.tempFail,
    description: "too many requests or attempts; Retry-After says when to try again",
  },
  MH_INTERNAL: {
    status: 500,
    expose: false,
    cliExit: EXIT.internal,
    description: "something went wrong on the server; the log has the details",
  },
  MH_MIGRATION_FAILED: {
    status: 500,
    expose: false,
    cliExit: EXIT.internal,
    description: "a database migration failed (at start or `masthead migrate`)",
  },
  MH_IMPORT_STOPPED: {
    status: 500,
    expose: false,
    cliExit: EXIT.internal,
    description: "the import's worker stopped (killed, out of memory) before it finished",
  },
  MH_IMPORT_INTERRUPTED: {
    status: 500,
    expose: false,
    cliExit: EXIT.internal,
    description: "an import run was cut off when its server stopped; running it again resumes it",
  },
  MH_CONFIG_INVALID: {
    status: 500,
    expose: false,
    cliExit: EXIT.config,
    description: "a configuration value cannot be used (at start; the message says which)",
  },
  MH_CLI: {
    status: 500,
    expose: false,
    cliExit: EXIT.invalid,
    description: "a command cannot go on (e.g. a file it names does not exist)",
  },
  MH_USAGE: {
    status: 500,
    expose: false,
    cliExit: EXIT.usage,
    description: "a command was called wrongly",
  },
  MH_DB_UNREACHABLE: {
    status: 503,
    expose: true,
    cliExit: EXIT.unavailable,
    retryAfter: DB_RETRY_AFTER_SECONDS,
    description: "the database cannot be reached at the moment; Retry-After says when to try again",
  },
  MH_UPLOADS_BUSY: {
    status: 503,
    expose: true,
    cliExit: EXIT.tempFail,
    description:
      "every image worker is busy and the queue is full; Retry-After says when to try again",
  },
  MH_NETWORK: {
    status: 503,
    expose: true,
    cliExit: EXIT.unavailable,
    description: "never sent by the server: the admin app's code for a request that got no answer",
  },
  MH_ARCHIVE_WRITE_FAILED: {
    status: 507,
    expose: true,
    cliExit: EXIT.ioError,
    description: "writing an archive or backup failed (e.g. the disk is full)",
  },
} as const satisfies Record<`MH_${string}`, ErrorSpec>;

/** Every code Masthead answers with. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether `code` is one of the catalogue's. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_CODES, code);
}

/** What a MastheadError may carry besides its code and message. */
export interface MastheadErrorOptions {
  /** The offending input fields, so a form can show each message beside its field. */
  issues?: FieldIssue[];
  /** Seconds after which trying again can work (sent as Retry-After). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Every error Masthead throws on purpose: a catalogue code and a message a person can act on.
 * Its status and exit come from ERROR_CODES, never from the thrower.
 */
export class MastheadError extends Error {
  readonly code: ErrorCode;
  // Declared, not initialised, so an error without them has no such keys at all.
  declare readonly issues?: FieldIssue[];
  declare readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: MastheadErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = "MastheadError";
    if (options.issues) Object.assign(this, { issues: options.issues });
    if (options.retryAfterSeconds !== undefined)
      Object.assign(this, { retryAfterSeconds: options.retryAfterSeconds });
  }

  /** The catalogue's entry for this error's code. */
  get spec(): ErrorSpec {
    return ERROR_CODES[this.code];
  }
}

/** Thrown when content does not satisfy its schema; lists every offending field. */
export class ContentInvalidError extends MastheadError {
  declare readonly code: "MH_CONTENT_INVALID";
  declare readonly issues: FieldIssue[];
  constructor(
    readonly what: string,
    issues: FieldIssue[],
  ) {
    super(
      "MH_CONTENT_INVALID",
      `${what} is invalid: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
      { issues },
    );
    this.name = "ContentInvalidError";
  }
}

/**
 * The database cannot be used at the moment (PostgreSQL: the server is down, restarting, out of
 * connections or not reachable in time; SQLite: another process holds the lock past the busy
 * timeout, or the storage under the file fails). Worth retrying: the HTTP layer answers 503 with
 * Retry-After. The message names no host or path, since it reaches anonymous clients; `cause`
 * holds the driver's error for the log.
 */
export class DatabaseUnreachableError extends MastheadError {
  declare readonly code: "MH_DB_UNREACHABLE";
  constructor(cause: unknown, message?: string) {
    super(
      "MH_DB_UNREACHABLE",
      message ?? "the database cannot be reached at the moment; try again in a few seconds",
      { cause },
    );
    this.name = "DatabaseUnreachableError";
  }
}

/** Whether `error` says the database cannot be reached (at start or while running). */
export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof MastheadError && error.code === "MH_DB_UNREACHABLE";
}

/** The entity asked for does not exist, e.g. "no article with id '…'". */
export class NotFoundError extends MastheadError {
  declare readonly code: "MH_NOT_FOUND";
  constructor(
    readonly entity: string,
    readonly key: string,
    keyName = "id",
  ) {
    super("MH_NOT_FOUND", `no ${entity} with ${keyName} '${key}'`);
    this.name = "NotFoundError";
  }
}

/** The write would break a uniqueness rule, e.g. "an article with slug 'x' already exists". */
export class ConflictError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly value: string,
  ) {
    // `issues` names the offending input field (e.g. `slug`), so a form can show it beside it.
    const path = field.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());
    super("MH_CONFLICT", `${article(entity)} ${entity} with ${field} '${value}' already exists`, {
      issues: [{ path, message: `${field} '${value}' is already taken; choose another` }],
    });
    this.name = "ConflictError";
  }
}

/**
 * The record changed since the caller read it (optimistic concurrency): `currentVersion` is what
 * is stored now. Nothing was written. The one shape of MH_STALE, also for a client that did not
 * say which version it read (`versionSent: false`): it could overwrite someone else's save.
 */
export class StaleError extends MastheadError {
  declare readonly code: "MH_STALE";
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly currentVersion: number,
    versionSent = true,
  ) {
    super(
      "MH_STALE",
      versionSent
        ? `this ${entity} was changed by someone else since you opened it (now at version ${currentVersion}); reload it and apply your changes again`
        : `send the version of this ${entity} you read (\`version\` in the body or an If-Match header); it is now at version ${currentVersion}`,
    );
    this.name = "StaleError";
  }
}

/** The editorial state machine does not allow this move; the message names the moves it allows. */
export class InvalidTransitionError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor(
    readonly from: string,
    readonly to: string,
    readonly allowed: readonly string[],
  ) {
    super(
      "MH_CONFLICT",
      `an article cannot go from ${from} to ${to}; from ${from} it can go to: ${allowed.join(", ")}`,
    );
    this.name = "InvalidTransitionError";
  }
}

/**
 * A redirect would send readers round in a circle (A → B → A), or start at an address the site
 * serves itself. `field` is the input field to fix ('to' or 'from'). Nothing was written.
 */
export class RedirectRefusedError extends MastheadError {
  declare readonly code: "MH_CONFLICT";
  constructor(
    readonly field: "from" | "to",
    readonly reason: string,
  ) {
    // `issues` names the offending input field, so a form can show the reason beside it.
    super("MH_CONFLICT", `redirect refused: ${reason}`, {
      issues: [{ path: field, message: reason }],
    });
    this.name = "RedirectRefusedError";
  }
}

/** Too many attempts or requests; `retryAfterSeconds` (when known) says when to try again. */
export class RateLimitedError extends MastheadError {
  declare readonly code: "MH_RATE_LIMITED";
  constructor(message: string, retryAfterSeconds?: number) {
    super("MH_RATE_LIMITED", message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
    this.name = "RateLimitedError";
  }
}

/** Codes of the media library's refusals (media/errors.ts builds them). */
export type MediaErrorCode = Extract<
  ErrorCode,
  "MH_TOO_LARGE" | "MH_UNSUPPORTED_MEDIA" | "MH_IMAGE_FAILED" | "MH_UPLOADS_BUSY"
>;

/** A file the media library will not take, or cannot take now. */
export class MediaError extends MastheadError {
  declare readonly code: MediaErrorCode;
  constructor(code: MediaErrorCode, message: string, retryAfterSeconds?: number) {
    super(code, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
    this.name = "MediaError";
  }
}

/** 413: the upload is bigger than `limit` bytes. */
export const fileTooLarge = (limit: number) =>
  new MediaError(
    "MH_TOO_LARGE",
    `the file is larger than the upload limit of ${formatBytes(limit)}; export a smaller version (e.g. 4000 pixels wide, JPEG quality 85) and upload that`,
  );

/** 413: the image declares more pixels than may safely be decoded. */
export const imageTooLarge = (width: number, height: number, frames: number, limit: number) =>
  new MediaError(
    "MH_TOO_LARGE",
    `the image is ${width}×${height} pixels${frames > 1 ? ` × ${frames} frames` : ""}, more than the limit of ${limit / 1_000_000} megapixels; scale it down and upload it again`,
  );

/** 413: the animation has more frames than the limit. */
export const tooManyFrames = (frames: number, limit: number) =>
  new MediaError(
    "MH_TOO_LARGE",
    `the animation has ${frames} frames, more than the limit of ${limit}; shorten it (or upload a still image or a video) and try again`,
  );

/** 422: the image worker stopped (killed, out of memory, timed out) before the job finished. */
export const imageFailed = (why: string) =>
  new MediaError(
    "MH_IMAGE_FAILED",
    `processing the image stopped before it finished (${why}); nothing was stored. Try again, and if it fails again upload a smaller image`,
  );

/** 503: every image worker is busy and the queue is full. */
export const uploadsBusy = (retryAfterSeconds: number) =>
  new MediaError(
    "MH_UPLOADS_BUSY",
    `the server is processing as many images as it can take; try again in ${retryAfterSeconds} seconds`,
    retryAfterSeconds,
  );

/** 415: the bytes are not one of the accepted image formats (whatever the name says). */
export const unsupportedMedia = (detail?: string) =>
  new MediaError(
    "MH_UNSUPPORTED_MEDIA",
    `the file is not a JPEG, PNG, WebP, AVIF or GIF image${detail ? ` (${detail})` : ""}`,
  );

/** "20 MB" for whole binary megabytes; exact bytes below one megabyte or between. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 && Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

/** Codes of export, restore and backup failures. */
export type ArchiveErrorCode = Extract<ErrorCode, `MH_ARCHIVE_${string}`>;

/** A failure of export, restore or backup: nothing was written, or what was written is removed. */
export class ArchiveError extends MastheadError {
  declare readonly code: ArchiveErrorCode;
  constructor(code: ArchiveErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ArchiveError";
  }
}

/** 400 for a request that cannot be read; the message says what to send instead. */
export const badRequest = (message: string) => new MastheadError("MH_BAD_REQUEST", message);

/** 401: no valid session or key. */
export const unauthenticated = (message = "sign in first (or send a valid API key)") =>
  new MastheadError("MH_UNAUTHENTICATED", message);

/** 403: signed in, but the role or key scope does not allow this. */
export const forbidden = (what: string) =>
  new MastheadError("MH_FORBIDDEN", `your role does not allow you to ${what}`);

/** 403 with a message of its own, for refusals that are about the record, not the role. */
export const forbiddenBecause = (message: string) => new MastheadError("MH_FORBIDDEN", message);

/** 422 MH_MERGE_INVALID: the destination at `path` (`into`, `moveTo`) cannot take the articles. */
export const mergeInvalid = (path: string, message: string) =>
  new MastheadError("MH_MERGE_INVALID", message, { issues: [{ path, message }] });

/** 409 MH_CONFLICT with a message of its own, for rules no ConflictError field names. */
export const conflict = (message: string, issues?: FieldIssue[]) =>
  new MastheadError("MH_CONFLICT", message, issues ? { issues } : {});

/** 422 MH_INCOMPLETE: what cannot be done (e.g. "go to in_review") while these gaps remain. */
export const incomplete = (refused: string, gaps: FieldIssue[]) =>
  new MastheadError(
    "MH_INCOMPLETE",
    `the article cannot ${refused} while it is incomplete: ${gaps.map((g) => `${g.path}: ${g.message}`).join("; ")}`,
    { issues: gaps },
  );

/** 422 MH_CHECKLIST: the pre-publish checks that still block (errors, warnings not overridden). */
export const checklistBlocks = (to: string, blocking: FieldIssue[]) =>
  new MastheadError(
    "MH_CHECKLIST",
    `the article cannot go to ${to} until these checks are resolved: ${blocking.map((b) => b.message).join("; ")}`,
    { issues: blocking },
  );

/** 413 with a message of its own (a body or part over a limit). */
export const tooLarge = (message: string) => new MastheadError("MH_TOO_LARGE", message);

/** 415 with a message of its own (a body of a type the endpoint does not take). */
export const unsupportedMediaType = (message: string) =>
  new MastheadError("MH_UNSUPPORTED_MEDIA", message);

/** The one MH_STALE shape: `entity` changed since it was read, now at `current`. */
export const stale = (entity: string, id: string, current: number) =>
  new StaleError(entity, id, current);

/** 429: too many of something; `seconds` (when known) becomes Retry-After. */
export const rateLimited = (message: string, seconds?: number) =>
  new RateLimitedError(message, seconds);

/** 403: a state-changing request made with the session cookie lacks the session's CSRF token. */
export const csrfRejected = () =>
  new MastheadError(
    "MH_CSRF",
    "missing or wrong X-CSRF-Token header: send the csrfToken from GET /api/admin/v1/session with every change",
  );

/** 401 for a failed sign-in; the same words whether the email exists or not. */
export const badCredentials = () =>
  unauthenticated("that email and password do not match an active account");

/** 400 for a one-time link that does not exist, was used already or has expired. */
export const linkInvalid = (what: string) =>
  badRequest(
    `this ${what} link is not valid: it was used already, has expired or was mistyped; ask for a new one`,
  );

/** 409 for first-run setup once an account exists. */
export const setupDone = () =>
  conflict("setup is already done: an account exists. Sign in, or ask an owner for an invitation");

/** 429: too many failed sign-ins; `seconds` says when trying again can work. */
export const tooManySignIns = (seconds: number) =>
  rateLimited(
    `too many failed sign-in attempts; try again in ${describeWait(seconds)}, or reset the password`,
    seconds,
  );

function describeWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}
