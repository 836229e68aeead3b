import { badCredentials, tooManySignIns, type User } from "../content/index.js";
import {
  clearLoginFailures,
  getUserCredentials,
  recentLoginFailures,
  recordLoginFailure,
  type Store,
} from "../store/index.js";
import { dummyPasswordHash, verifyPassword } from "./password.js";
import {
  LOGIN_MAX_FAILURES_PER_ACCOUNT,
  LOGIN_MAX_FAILURES_PER_ADDRESS,
  LOGIN_WINDOW_MS,
} from "./policy.js";

/**
 * Checks an email and password, counting failures per account and per client address in the
 * database (so the limits hold across instances). Throws RateLimitedError before even looking at
 * the password once a limit is reached, and the same 401 for an unknown email, a wrong password
 * and a disabled account, after the same amount of hashing.
 */
export async function checkPassword(
  store: Store,
  attempt: { email: string; password: string; address: string },
  now = Date.now(),
): Promise<User> {
  const account = attempt.email.trim().toLowerCase();
  const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
  const failures = await recentLoginFailures(store, { account, address: attempt.address }, since);
  const wait = Math.max(
    retryAfter(failures.account, LOGIN_MAX_FAILURES_PER_ACCOUNT, now),
    retryAfter(failures.address, LOGIN_MAX_FAILURES_PER_ADDRESS, now),
  );
  if (wait > 0) throw tooManySignIns(wait);

  const found = await getUserCredentials(store, account);
  const hash = found?.passwordHash ?? (await dummyPasswordHash());
  const matches = await verifyPassword(attempt.password, hash);
  if (!found?.passwordHash || !matches || found.user.disabledAt !== null) {
    await recordLoginFailure(store, { account, address: attempt.address });
    throw badCredentials();
  }
  await clearLoginFailures(store, account);
  return found.user;
}

/**
 * Seconds until fewer than `limit` of the `failures` (oldest first) fall inside the window, or 0
 * when there are fewer already.
 */
function retryAfter(failures: string[], limit: number, now: number): number {
  if (failures.length < limit) return 0;
  const freesAt = Date.parse(failures[failures.length - limit] as string) + LOGIN_WINDOW_MS;
  return Math.max(1, Math.ceil((freesAt - now) / 1000));
}
