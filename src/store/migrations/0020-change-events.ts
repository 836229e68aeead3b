import { type Kysely, type Migration, sql } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * The change outbox (src/store/change-log.ts): one row per event, written in the transaction that
 * made the change, with a position that grows in commit order; and each reader's cursor, so
 * events are pruned only once every live reader has seen them.
 */
export function changeEventsMigration({ name, columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // An integer key the database counts up: SQLite's rowid alias, PostgreSQL's identity.
      const position =
        name === "postgres"
          ? sql`position bigint generated always as identity primary key`
          : sql`position integer primary key autoincrement`;
      await sql`create table change_events (
        ${position},
        type text not null,
        payload ${sql.raw(String(t.json))} not null,
        created_at ${sql.raw(String(t.timestamp))} not null
      )`.execute(db);
      await db.schema
        .createTable("change_cursors")
        .addColumn("reader", "text", (c) => c.primaryKey())
        .addColumn("position", "bigint", (c) => c.notNull())
        // A reader that stops renewing this is gone: its cursor no longer holds events back.
        .addColumn("seen_at", t.timestamp, (c) => c.notNull())
        .execute();
    },
  };
}
