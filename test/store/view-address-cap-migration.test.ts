// Migration 0019: today's visitor rows written before it stay (they still dedup), and the day
// goes on counting with the per-address cap.
import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { adapterFor } from "../../src/store/dialect/index.js";
import { migrateToLatest, recordViews } from "../../src/store/index.js";
import { buildMigrations } from "../../src/store/migrations/index.js";
import { DATABASES } from "../helpers/databases.js";

const MIGRATION = "0019_view_address_cap";

for (const db of DATABASES)
  describe(`migration ${MIGRATION} on ${db.name}`, () => {
    it("keeps the day's earlier visitor rows, which still dedup, and caps new ones", async () => {
      const store = await db.open({ migrate: false });
      try {
        const adapter = adapterFor(store.dialect);
        const migrations = buildMigrations(adapter);
        const names = Object.keys(migrations);
        const previous = names[names.indexOf(MIGRATION) - 1] as string;
        const migrator = new Migrator({
          db: store.db,
          provider: { getMigrations: async () => migrations },
        });
        const before = await adapter.duringMigrations(store.db, () => migrator.migrateTo(previous));
        expect(before.error).toBeUndefined();
        // Rows as the tables stood before 0019: an article and two of the day's visitors.
        const now = new Date().toISOString();
        await sql`insert into sections (id, slug, name, description, created_at, updated_at)
          values ('s1', 'news', 'News', '', ${now}, ${now})`.execute(store.db);
        await sql`insert into articles (id, slug, headline, dek, type, section_id, status,
          published_at, body, comments_enabled, created_at, updated_at)
          values ('a1', 'old', 'Old', '', 'news', 's1', 'published', ${now}, ${"[]"}, ${sql.lit(true)},
          ${now}, ${now})`.execute(store.db);
        await sql`insert into view_visitors (day, hash) values ('2026-01-01', 'old1'), ('2026-01-01', 'old2')`.execute(
          store.db,
        );
        await migrateToLatest(store);

        const kept = await store.db
          .selectFrom("view_visitors")
          .select(["hash", "address_key", "slot"])
          .orderBy("hash")
          .execute();
        expect(kept).toEqual([
          { hash: "old1", address_key: null, slot: null },
          { hash: "old2", address_key: null, slot: null },
        ]);
        const day = "2026-01-01";
        // Already counted before the migration: not again.
        const repeat = await recordViews(
          store,
          [{ day, hash: "old1", addressKey: "k", place: 0, articleId: "a1" }],
          { perAddress: 2 },
        );
        expect(repeat.counted).toBe(0);
        const fresh = await recordViews(
          store,
          ["n1", "n2", "n3"].map((hash, place) => ({
            day,
            hash,
            addressKey: "k",
            place,
            articleId: "a1",
          })),
          { perAddress: 2 },
        );
        expect(fresh.counted).toBe(2);
      } finally {
        await store.close();
      }
    });
  });
