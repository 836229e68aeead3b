/** Stable codes of the store's errors; the HTTP and CLI layers map them to statuses and exits. */
export type StoreErrorCode =
  | "MH_DB_UNREACHABLE"
  | "MH_NOT_FOUND"
  | "MH_CONFLICT"
  | "MH_STALE"
  | "MH_RATE_LIMITED"
  | "MH_MIGRATION_FAILED";

/** A failure of the store, with a stable code and a message that says what to do. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreError";
  }
}

/**
 * The database cannot be used at the moment (PostgreSQL: the server is down, restarting, out of
 * connections or not reachable in time; SQLite: another process holds the lock past the busy
 * timeout, or the storage under the file fails). Worth retrying: the HTTP layer answers 503 with
 * Retry-After. The message names no host or path, since it reaches anonymous clients; `cause`
 * holds the driver's error for the log.
 */
export class DatabaseUnreachableError extends StoreError {
  declare readonly code: "MH_DB_UNREACHABLE";
  constructor(cause: unknown) {
    super(
      "MH_DB_UNREACHABLE",
      "the database cannot be reached at the moment; try again in a few seconds",
      { cause },
    );
    this.name = "DatabaseUnreachableError";
  }
}

/** Whether `error` says the database cannot be reached (at start or while running). */
export function isDatabaseUnreachable(error: unknown): boolean {
  return error instanceof StoreError && error.code === "MH_DB_UNREACHABLE";
}

/** The entity asked for does not exist, e.g. "no article with id '…'". */
export class NotFoundError extends StoreError {
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
export class ConflictError extends StoreError {
  declare readonly code: "MH_CONFLICT";
  constructor(
    readonly entity: string,
    readonly field: string,
    readonly value: string,
  ) {
    super("MH_CONFLICT", `${article(entity)} ${entity} with ${field} '${value}' already exists`);
    this.name = "ConflictError";
  }

  /** The offending input field (e.g. `slug`), so a form can show the message beside it. */
  get issues(): { path: string; message: string }[] {
    const path = this.field.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());
    return [{ path, message: `${this.field} '${this.value}' is already taken; choose another` }];
  }
}

/**
 * The record changed since the caller read it (optimistic concurrency): `currentVersion` is what
 * is stored now. Nothing was written.
 */
export class StaleError extends StoreError {
  declare readonly code: "MH_STALE";
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly currentVersion: number,
  ) {
    super(
      "MH_STALE",
      `this ${entity} was changed by someone else since you opened it (now at version ${currentVersion}); reload it and apply your changes again`,
    );
    this.name = "StaleError";
  }
}

/** The editorial state machine does not allow this move; the message names the moves it allows. */
export class InvalidTransitionError extends StoreError {
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

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}

/**
 * A redirect would send readers round in a circle (A → B → A), or start at an address the site
 * serves itself. `field` is the input field to fix ('to' or 'from'). Nothing was written.
 */
export class RedirectRefusedError extends StoreError {
  declare readonly code: "MH_CONFLICT";
  constructor(
    readonly field: "from" | "to",
    readonly reason: string,
  ) {
    super("MH_CONFLICT", `redirect refused: ${reason}`);
    this.name = "RedirectRefusedError";
  }

  /** The offending input field, so a form can show the reason beside it. */
  get issues(): { path: string; message: string }[] {
    return [{ path: this.field, message: this.reason }];
  }
}
