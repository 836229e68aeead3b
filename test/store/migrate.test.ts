import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { adapterFor } from "../../src/store/dialect/index.js";
import { migrateToLatest } from "../../src/store/index.js";
import { buildMigrations } from "../../src/store/migrations/index.js";
import { DATABASES } from "../helpers/databases.js";
import { rejectionOf } from "../helpers/errors.js";

const TABLES = [
  "article_authors",
  "article_corrections",
  "article_revisions",
  "article_tags",
  "article_views_daily",
  "articles",
  "comments",
  "media",
  "people",
  "preview_links",
  "sections",
  "settings",
  "tags",
  "tracker_entries",
  "trackers",
];

for (const db of DATABASES) {
  describe(db.name, () => {
    it("migrates an empty database to every table, and a second run changes nothing", async () => {
      const store = await db.open({ migrate: false });
      try {
        await migrateToLatest(store);
        const tables = async () =>
          (await store.db.introspection.getTables()).map((t) => t.name).sort();
        const first = await tables();
        await migrateToLatest(store);
        expect(await tables()).toEqual(first);
        expect(first).toEqual(expect.arrayContaining(TABLES));
        const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(
          store.db,
        );
        // Every migration of the list, in its order, once.
        expect(applied.rows.map((r) => r.name)).toEqual(
          Object.keys(buildMigrations(adapterFor(store.dialect))),
        );
      } finally {
        await store.close();
      }
    });

    it("gives media stored before 0014 an empty description", async () => {
      const store = await db.open({ migrate: false });
      try {
        const adapter = adapterFor(store.dialect);
        const migrator = new Migrator({
          db: store.db,
          provider: { getMigrations: async () => buildMigrations(adapter) },
        });
        const before = await adapter.duringMigrations(store.db, () =>
          migrator.migrateTo("0013_data_versions"),
        );
        expect(before.error).toBeUndefined();
        const now = new Date().toISOString();
        await sql`insert into media (id, storage_key, mime_type, width, height, alt,
          credit_creator, credit_source_name, license, created_at, updated_at)
          values ('m1', 'old.jpg', 'image/jpeg', 10, 10, 'Old', '', '', 'cc0-1.0', ${now}, ${now})`.execute(
          store.db,
        );
        await migrateToLatest(store);
        const row = await store.db
          .selectFrom("media")
          .select("description")
          .where("id", "=", "m1")
          .executeTakeFirstOrThrow();
        expect(row.description).toBe("");
      } finally {
        await store.close();
      }
    });

    it("names the failing migration and applies none of it", async () => {
      const store = await db.open({ migrate: false });
      try {
        // A table in the way makes the first migration fail halfway through.
        await sql`create table sections (id text)`.execute(store.db);
        const error = await rejectionOf(migrateToLatest(store));
        expect(error.code).toBe("MH_MIGRATION_FAILED");
        expect(error.message).toContain("0001_initial");
        const tables = (await store.db.introspection.getTables()).map((t) => t.name);
        expect(tables).not.toContain("media");
      } finally {
        await store.close();
      }
    });
  });
}
