import type { Kysely, Migration } from "kysely";

/**
 * A version per kind of lookup data that every instance keeps in memory (today: the redirects and
 * gone addresses a 404 consults). Each write changes it in its own transaction, so an instance
 * learns with one primary-key read that its copy is out of date.
 */
export function dataVersionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("data_versions")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("version", "text", (c) => c.notNull())
        .execute();
      await db
        .insertInto("data_versions" as never)
        .values({ name: "redirects", version: "0" } as never)
        .execute();
    },
  };
}
