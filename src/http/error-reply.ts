import { ERROR_CODES, type ErrorCode, type FieldIssue, isErrorCode } from "../content/index.js";

/** The JSON error body every API answers with. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
}

// Fastify's own refusals (FST_ERR_…: bad JSON, too large, wrong content type, @fastify/rate-limit)
// carry a status and no code of ours: they get the catalogue's code for that status.
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  404: "MH_NOT_FOUND",
  405: "MH_METHOD_NOT_ALLOWED",
  413: "MH_TOO_LARGE",
  415: "MH_UNSUPPORTED_MEDIA",
  429: "MH_RATE_LIMITED",
};

/** The catalogue code for any thrown error: its own, else one by Fastify's status. */
function codeOf(e: { code?: unknown; statusCode?: number }): ErrorCode {
  if (isErrorCode(e.code)) return e.code;
  const status = e.statusCode !== undefined && e.statusCode >= 400 ? e.statusCode : 500;
  return CODE_BY_STATUS[status] ?? (status >= 500 ? "MH_INTERNAL" : "MH_BAD_REQUEST");
}

/**
 * Maps a thrown error (ours by `code`, or Fastify's by `statusCode`) to a status, JSON body and
 * the headers to send with them (`reply.headers(headers)`). Status, whether the message is shown
 * and Retry-After all come from the catalogue (content/errors.ts).
 */
export function apiErrorReply(error: unknown): {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
} {
  const e = (error ?? {}) as {
    code?: unknown;
    statusCode?: number;
    message?: string;
    issues?: FieldIssue[];
    retryAfterSeconds?: number;
  };
  const code = codeOf(e);
  const spec: { status: number; expose: boolean; retryAfter?: number } = ERROR_CODES[code];
  // An unexposed code names no internals (a driver's code, a path): the log has the details.
  const message = spec.expose ? (e.message ?? "") : "Something went wrong on our side.";
  const retryAfter = e.retryAfterSeconds ?? spec.retryAfter;
  return {
    status: spec.status,
    body: { error: { code, message, ...(spec.expose && e.issues ? { issues: e.issues } : {}) } },
    headers: retryAfter === undefined ? {} : { "retry-after": String(retryAfter) },
  };
}
