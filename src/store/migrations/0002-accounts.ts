import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Staff accounts: users, their server-side sessions, API keys, one-time links (invitations,
 * password resets) and failed sign-ins (for rate limiting across instances). Secrets are stored
 * only as hashes.
 */
export function accounts({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("set null"))
        .addColumn("password_hash", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("disabled_at", t.timestamp)
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("last_seen_at", t.timestamp, (c) => c.notNull())
        .addColumn("expires_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("permissions", t.json, (c) => c.notNull())
        .addColumn("secret_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("last_used_at", t.timestamp)
        .addColumn("revoked_at", t.timestamp)
        .execute();

      await db.schema
        .createTable("one_time_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
        .addColumn("email", "text")
        .addColumn("role", "text")
        .addColumn("name", "text")
        .addColumn("created_by", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .addColumn("expires_at", t.timestamp, (c) => c.notNull())
        .addColumn("used_at", t.timestamp)
        .execute();

      await db.schema
        .createTable("login_failures")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("login_failures_account")
        .on("login_failures")
        .columns(["account", "created_at"])
        .execute();
      await db.schema
        .createIndex("login_failures_address")
        .on("login_failures")
        .columns(["address", "created_at"])
        .execute();
    },
  };
}
