// The one door to the admin API: JSON in and out, the CSRF token on every unsafe request, and
// errors turned into ApiError with the server's code and field issues.

import { type ErrorCode, isErrorCode } from "../../content/errors.js";

/** Where the admin API lives (same origin as the app). */
export const API_BASE = "/api/admin/v1";

/** One offending field as the API names it, e.g. `body.3.alt`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** A refusal from the API (or the network), with the stable code to branch on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

// Kept in memory only: a script that could read storage could also read the page.
let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

/** Remembers the CSRF token the session endpoints returned (null after signing out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls `listener` whenever the API answers 401 (the session ended); returns an unsubscribe. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestOptions {
  /** Sends `If-Match: "<version>"` for optimistic concurrency. */
  ifMatch?: number;
  signal?: AbortSignal;
  /** Don't treat a 401 as "the session ended" (sign-in and session probes). */
  quietUnauthenticated?: boolean;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall back to the status line below.
  }
  const error = (body as { error?: { code?: string; message?: string; issues?: FieldIssue[] } })
    ?.error;
  return new ApiError(
    response.status,
    // Not an answer of ours (a proxy's error page): the status line below says what happened.
    isErrorCode(error?.code)
      ? error.code
      : response.status >= 500
        ? "MH_NETWORK"
        : "MH_BAD_REQUEST",
    error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    Array.isArray(error?.issues) ? error.issues : [],
  );
}

async function send<T>(
  method: string,
  path: string,
  body: BodyInit | undefined,
  contentType: string | undefined,
  options: RequestOptions,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (contentType) headers["content-type"] = contentType;
  if (UNSAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === "AbortError") throw cause;
    throw new ApiError(0, "MH_NETWORK", "The server could not be reached. Check your connection.");
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !options.quietUnauthenticated)
      for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sends a JSON request to the admin API and returns the parsed answer. */
export function api<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  return body === undefined
    ? send<T>(method, path, undefined, undefined, options)
    : send<T>(method, path, JSON.stringify(body), "application/json", options);
}

/** Sends a multipart form (uploads); the browser sets the boundary. */
export function apiUpload<T>(path: string, form: FormData, options: RequestOptions = {}) {
  return send<T>("POST", path, form, undefined, options);
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : "";
}
