import type { FieldIssue } from "../content/index.js";

/** The JSON error body every API answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: FieldIssue[] };
}

const STATUS_BY_CODE: Record<string, number> = {
  MH_CONTENT_INVALID: 400,
  MH_NOT_FOUND: 404,
  MH_CONFLICT: 409,
  MH_STALE: 409,
  MH_IMPORT_INVALID: 422,
  MH_ARCHIVE_SOURCE_INCOMPLETE: 409,
  MH_ARCHIVE_WRITE_FAILED: 507,
  MH_DB_UNREACHABLE: 503,
  // Every image worker is busy and the queue is full: a state to wait out, not a fault to hide.
  MH_UPLOADS_BUSY: 503,
  // A reader used a staff member's name or email without signing in (docs/COMMENTS.md).
  MH_STAFF_IDENTITY: 403,
};

/**
 * Seconds a client is told to wait (Retry-After) when the database cannot be reached: long enough
 * not to hammer a server that is restarting, short enough that readers come back soon after.
 */
export const DB_RETRY_AFTER_SECONDS = 10;

/** Headers an error answer carries besides its body: Retry-After where retrying is the cure. */
function errorHeaders(code: string | undefined): Record<string, string> {
  return code === "MH_DB_UNREACHABLE" ? { "retry-after": String(DB_RETRY_AFTER_SECONDS) } : {};
}

const CODE_BY_STATUS: Record<number, string> = {
  413: "MH_TOO_LARGE",
  415: "MH_UNSUPPORTED_MEDIA",
  429: "MH_RATE_LIMITED",
};

/**
 * Maps a thrown error (ours by `code`, or Fastify's with `statusCode`) to a status, JSON body and
 * the headers to send with them (`reply.headers(headers)`).
 */
export function apiErrorReply(error: unknown): {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
} {
  const e = error as {
    code?: string;
    statusCode?: number;
    message?: string;
    issues?: FieldIssue[];
  };
  const status =
    (e.code && STATUS_BY_CODE[e.code]) ||
    (e.statusCode && e.statusCode >= 400 ? e.statusCode : 500);
  // Only our own codes reach clients: Fastify's refusals (FST_ERR_…: bad JSON, too large, wrong
  // content type) get ours by status, and a driver's code (SQLITE_…, SQLSTATE) names internals.
  const ours = e.code?.startsWith("MH_") ? e.code : undefined;
  const code = ours ?? CODE_BY_STATUS[status] ?? (status >= 500 ? "MH_INTERNAL" : "MH_BAD_REQUEST");
  // A 500 names no internals: the log has the details.
  const message =
    status >= 500 && !STATUS_BY_CODE[code]
      ? "Something went wrong on our side."
      : (e.message ?? "");
  return {
    status,
    body: { error: { code, message, ...(e.issues ? { issues: e.issues } : {}) } },
    headers: errorHeaders(ours),
  };
}
