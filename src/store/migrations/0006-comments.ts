import { randomBytes } from "node:crypto";
import { type Kysely, type Migration, sql } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Comment threads and moderation: replies, who wrote a comment (a keyed hash that recognises a
 * returning commenter, the keyed hash of their address, or the staff account), edits, blocked
 * addresses, and the server secret those hashes are keyed with. The raw address is never stored.
 */
export function commentsMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // No foreign key to comments.id: SQLite cannot add one to an existing table, and a reply
      // must outlive a parent that is later deleted (it is then shown without its parent).
      await db.schema.alterTable("comments").addColumn("parent_id", "text").execute();
      await db.schema
        .alterTable("comments")
        .addColumn("depth", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("comments").addColumn("author_key", "text").execute();
      await db.schema.alterTable("comments").addColumn("address_hash", "text").execute();
      await db.schema.alterTable("comments").addColumn("staff_user_id", "text").execute();
      await db.schema.alterTable("comments").addColumn("edited_at", t.timestamp).execute();
      // "Has this commenter had a comment approved?" decides whether a new one is held.
      await db.schema
        .createIndex("comments_author_key_status")
        .on("comments")
        .columns(["author_key", "status"])
        .execute();
      // The per-address rate limit counts an address's recent comments.
      await db.schema
        .createIndex("comments_address_created_at")
        .on("comments")
        .columns(["address_hash", "created_at"])
        .execute();
      // The moderation queue: newest first within a status.
      await db.schema
        .createIndex("comments_status_created_at")
        .on("comments")
        .columns(["status", "created_at"])
        .execute();

      await db.schema
        .createTable("comment_blocked_addresses")
        .addColumn("address_hash", "text", (c) => c.primaryKey())
        .addColumn("blocked_by", "text")
        .addColumn("created_at", t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("comment_secrets")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      // Created once and kept: address hashes must stay the same across days for blocks to work.
      await sql`insert into comment_secrets (name, value) values (${"address"}, ${randomBytes(32).toString("base64url")})`.execute(
        db,
      );
    },
  };
}
