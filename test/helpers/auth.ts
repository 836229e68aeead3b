// Signed-in requests for HTTP tests: a real account, signed in through the real login route.
import type { FastifyInstance } from "fastify";
import { hashPassword } from "../../src/auth/password.js";
import type { Role, User } from "../../src/content/index.js";
import { createUser, type Store } from "../../src/store/index.js";

/** A password every test account gets unless told otherwise. */
export const TEST_PASSWORD = "correct horse battery staple";

/** A signed-in browser: its cookie, its CSRF token, and the headers that carry both. */
export interface SignedIn {
  /** `mh_session=…`, ready for a Cookie header. */
  cookie: string;
  csrf: string;
  user: User;
  /** `cookie` and `x-csrf-token`: pass as `headers` to make an authenticated, CSRF-valid request. */
  headers: Record<string, string>;
}

export interface SignInOptions {
  /** Link the account to this Person (its byline). */
  personId?: string | null;
  email?: string;
  name?: string;
  password?: string;
}

let counter = 0;

// scrypt takes 50–100 ms by design; every account made with the same password may share one
// hash (and its salt), so a file pays for it once per password instead of once per account.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (hash === undefined) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/**
 * Creates an account with `role` and signs it in through `POST /api/admin/v1/session`.
 * @example
 * const s = await signIn(app, store, "editor");
 * await app.inject({ method: "POST", url: "/api/admin/v1/tags", headers: s.headers, payload: {…} });
 */
export async function signIn(
  app: FastifyInstance,
  store: Store,
  role: Role,
  opts: SignInOptions = {},
): Promise<SignedIn> {
  counter += 1;
  const email = opts.email ?? `${role}-${counter}-${process.pid}@example.org`;
  const password = opts.password ?? TEST_PASSWORD;
  const user = await createUser(
    store,
    { email, name: opts.name ?? `Test ${role} ${counter}`, role, personId: opts.personId ?? null },
    await hashOnce(password),
  );
  return signInAs(app, email, password, user);
}

/** Signs an existing account in through the login route; fails the test if that is refused. */
export async function signInAs(
  app: FastifyInstance,
  email: string,
  password: string,
  user?: User,
): Promise<SignedIn> {
  const res = await app.inject({
    method: "POST",
    url: "/api/admin/v1/session",
    payload: { email, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`signing in as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res.headers["set-cookie"]);
  const body = res.json() as { csrfToken: string; user: User };
  return {
    cookie,
    csrf: body.csrfToken,
    user: user ?? body.user,
    headers: { cookie, "x-csrf-token": body.csrfToken },
  };
}

/** The `mh_session=…` pair out of a response's Set-Cookie header(s). */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith("mh_session="));
  if (!found) throw new Error(`no mh_session cookie in Set-Cookie: ${JSON.stringify(setCookie)}`);
  return found.split(";")[0] as string;
}
