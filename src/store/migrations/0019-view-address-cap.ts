import type { Kysely, Migration } from "kysely";

/**
 * A cap on views per address: each visitor row of the day also holds the salted key of its
 * address (IPv6: its /64) and article, and one of that key's numbered places. A unique index on
 * (day, address key, place) lets instances writing at once never give one address more rows, or
 * views, than there are places (MASTHEAD_VIEWS_PER_ADDRESS). Rows from before hold neither
 * (NULLs never collide in a unique index): they still stop their visitors counting twice, but
 * not their address's places, and are gone when the day turns.
 */
export function viewAddressCapMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable("view_visitors").addColumn("address_key", "text").execute();
      await db.schema.alterTable("view_visitors").addColumn("slot", "integer").execute();
      await db.schema
        .createIndex("view_visitors_address_slot")
        .on("view_visitors")
        .columns(["day", "address_key", "slot"])
        .unique()
        .execute();
    },
  };
}
