// Migration 0018 on each database: comments approved by email before it keep their rows but no
// longer let that email through; trust now needs the commenter cookie's hash.
import { randomUUID } from "node:crypto";
import { Migrator } from "kysely";
import { describe, expect, it } from "vitest";
import { postComment } from "../../src/services/reader-comments.js";
import { adapterFor } from "../../src/store/dialect/index.js";
import { getComment, isTrustedCommenter, migrateToLatest } from "../../src/store/index.js";
import { buildMigrations } from "../../src/store/migrations/index.js";
import { DATABASES } from "../helpers/databases.js";

for (const db of DATABASES)
  describe(`migration 0018 on ${db.name}`, () => {
    it("keeps a comment approved by email, gives it no commenter hash, and holds that email's next comment", async () => {
      const store = await db.open({ migrate: false });
      try {
        const adapter = adapterFor(store.dialect);
        const migrator = new Migrator({
          db: store.db,
          provider: { getMigrations: async () => buildMigrations(adapter) },
        });
        const before = await adapter.duringMigrations(store.db, () =>
          migrator.migrateTo("0017_article_search_fields"),
        );
        expect(before.error).toBeUndefined();
        // Rows as the store of 0017 wrote them: an article, and a comment whose email-keyed hash
        // made every later comment with that email publish at once.
        const at = new Date().toISOString();
        const articleId = randomUUID();
        const commentId = randomUUID();
        await store.db
          .insertInto("articles")
          .values({
            id: articleId,
            slug: "old-thread",
            headline: "Old thread",
            dek: "",
            type: "news",
            section_id: null,
            status: "published",
            published_at: at,
            featured_image_id: null,
            body: "[]",
            comments_enabled: 1,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await store.db
          .insertInto("comments")
          .values({
            id: commentId,
            article_id: articleId,
            author_name: "Old Regular",
            author_email: "old@example.org",
            body: "Approved long ago",
            status: "approved",
            created_at: at,
            author_key: "e:keyed-hash-of-old@example.org",
            address_hash: "A".repeat(32),
          } as never)
          .execute();

        await migrateToLatest(store);

        expect(await getComment(store, commentId)).toMatchObject({
          status: "approved",
          authorEmail: "old@example.org",
          authorKey: "e:keyed-hash-of-old@example.org",
          commenterHash: null,
        });
        const next = await postComment(
          { store },
          {
            kind: "reader",
            commenterHash: "a-new-browser",
            addressHash: "A".repeat(32),
            limit: { max: 5, since: at },
          },
          {
            articleId,
            parentId: "",
            authorName: "Old Regular",
            authorEmail: "old@example.org",
            body: "Again",
          },
        );
        expect(next.status).toBe("pending");
        expect(await isTrustedCommenter(store, "a-new-browser")).toBe(false);
      } finally {
        await store.close();
      }
    });
  });
