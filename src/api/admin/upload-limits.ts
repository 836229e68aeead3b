// How many uploads one account may send at once and how often: the numbers docs/ADMIN_API.md
// states, and the per-account count of uploads in progress. Both are per server process: with
// several instances an account may reach each instance's limits.
import { RateLimitedError, rateLimited } from "../../content/index.js";

/** Uploads one account may have in progress at once (a person drops a few files at a time). */
export const UPLOADS_AT_ONCE_PER_ACCOUNT = 2;
/** Uploads one account may start per window… */
export const UPLOADS_PER_WINDOW = 30;
/** …of this length: 30 in 10 minutes is one every 20 s, far above a picture desk's pace. */
export const UPLOAD_WINDOW_MS = 10 * 60_000;
/** Seconds an account with too many uploads in progress is told to wait. */
export const UPLOAD_BUSY_RETRY_AFTER_SECONDS = 5;

/** 429: the account's limit of uploads at once is reached. */
export class TooManyUploadsError extends RateLimitedError {
  constructor() {
    super(
      `you already have ${UPLOADS_AT_ONCE_PER_ACCOUNT} uploads in progress; wait for one to finish and try again in ${UPLOAD_BUSY_RETRY_AFTER_SECONDS} seconds`,
      UPLOAD_BUSY_RETRY_AFTER_SECONDS,
    );
    this.name = "TooManyUploadsError";
  }
}

/** 429 for the upload rate limit (@fastify/rate-limit sets Retry-After itself). */
export const uploadRateLimited = (after: string) =>
  rateLimited(
    `you have sent ${UPLOADS_PER_WINDOW} uploads in the last ${UPLOAD_WINDOW_MS / 60_000} minutes, the most one account may; try again in ${after}`,
  );

/** Counts each account's uploads in progress in this process. */
export function createUploadSlots(limit = UPLOADS_AT_ONCE_PER_ACCOUNT) {
  const inProgress = new Map<string, number>();
  return {
    /** Runs `work` in one of `account`'s slots; throws TooManyUploadsError when none is free. */
    async run<T>(account: string, work: () => Promise<T>): Promise<T> {
      const taken = inProgress.get(account) ?? 0;
      if (taken >= limit) throw new TooManyUploadsError();
      inProgress.set(account, taken + 1);
      try {
        return await work();
      } finally {
        const left = (inProgress.get(account) ?? 1) - 1;
        if (left === 0) inProgress.delete(account);
        else inProgress.set(account, left);
      }
    },
  };
}

/** The per-account upload slots of one server process. */
export type UploadSlots = ReturnType<typeof createUploadSlots>;
