// The tables of staff accounts, declared next to the code that owns them and merged into the
// store's `Database` type, so the accounts migration and modules add to the schema without
// editing the content tables' declarations.
import type { Selectable } from "kysely";
import type { Json, Timestamp } from "./schema.js";

/** A staff account. `email` is stored lower-cased, which makes its uniqueness case-blind. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  person_id: string | null;
  /** `scrypt$…` (see src/auth/password.ts); null until the person sets a password. */
  password_hash: string | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

/** A signed-in browser. The id is the SHA-256 of the cookie's token, never the token itself. */
export interface SessionsTable {
  id: string;
  user_id: string;
  /** Sent back in X-CSRF-Token on every state-changing request made with this session. */
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** When the session ends: idle timeout from `last_seen_at`, capped by the absolute lifetime. */
  expires_at: Timestamp;
}

/** An integration's key; only the SHA-256 of its secret is stored. */
export interface ApiKeysTable {
  id: string;
  name: string;
  /** The user who created it; the key stops working when that account is disabled. */
  user_id: string;
  role: string;
  /** JSON array of Permission: what the key may do (a subset of its role's permissions). */
  permissions: Json;
  secret_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A one-time link: an invitation, a password reset, or the claim of first-run setup. */
export interface OneTimeTokensTable {
  /** SHA-256 (hex) of the token in the link. */
  token_hash: string;
  kind: string;
  /** The account a reset is for. */
  user_id: string | null;
  /** An invitation's email, role and suggested name. */
  email: string | null;
  role: string | null;
  name: string | null;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One failed sign-in, counted per account and per address to slow down password guessing. */
export interface LoginFailuresTable {
  id: string;
  /** The lower-cased email tried, whether or not such an account exists. */
  account: string;
  address: string;
  created_at: Timestamp;
}

declare module "./schema.js" {
  interface Database {
    users: UsersTable;
    sessions: SessionsTable;
    api_keys: ApiKeysTable;
    one_time_tokens: OneTimeTokensTable;
    login_failures: LoginFailuresTable;
  }
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type OneTimeTokenRow = Selectable<OneTimeTokensTable>;
