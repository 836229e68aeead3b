// The admin API's readership endpoints: who may see them, what they answer, and bad queries.
import { describe, expect, it } from "vitest";
import { addViews } from "../../src/store/index.js";
import { useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";

const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const dayString = (n: number) => dayAgo(n).toISOString().slice(0, 10);

for (const db of DATABASES)
  describe(`readership endpoints on ${db.name}`, () => {
    const t = useContentApp(db);
    let shared:
      | { a: { id: string }; editor: Awaited<ReturnType<ReturnType<typeof t>["staff"]>> }
      | undefined;

    it("authors, editors and owners may see readership; contributors and strangers may not", async () => {
      const a = await t().article({ status: "published" });
      for (const [who, status] of [
        [undefined, 401],
        [await t().staff("contributor"), 403],
        [await t().staff("author"), 200],
        [await t().staff("editor"), 200],
        [await t().staff("owner"), 200],
      ] as const) {
        expect((await t().call(who, "GET", `/readership/articles/${a.id}`)).statusCode).toBe(
          status,
        );
        expect((await t().call(who, "GET", "/readership/most-read")).statusCode).toBe(status);
      }
    });

    it("gives an article's views per day over the range, days without views as 0", async () => {
      const a = await t().article({ status: "published" });
      await addViews(t().store, a.id, 4, dayAgo(2));
      await addViews(t().store, a.id, 7, dayAgo(0));
      await addViews(t().store, a.id, 100, dayAgo(40));
      const editor = await t().staff("editor");
      const res = await t().call(editor, "GET", `/readership/articles/${a.id}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.days).toHaveLength(30);
      expect(body.to).toBe(dayString(0));
      expect(body.days.at(-1)).toEqual({ day: dayString(0), views: 7 });
      expect(body.days.at(-3)).toEqual({ day: dayString(2), views: 4 });
      expect(body.total).toBe(11);
      const ranged = await t().call(
        editor,
        "GET",
        `/readership/articles/${a.id}?from=${dayString(45)}&to=${dayString(35)}`,
      );
      expect(ranged.json().days).toHaveLength(11);
      expect(ranged.json().total).toBe(100);
    });

    it("ranks the most-read articles over 7 days, 30 days and all time", async () => {
      const old = await t().article({ status: "published" });
      const recent = await t().article({ status: "published" });
      await addViews(t().store, old.id, 5000, dayAgo(60));
      await addViews(t().store, recent.id, 900, dayAgo(1));
      await addViews(t().store, old.id, 10, dayAgo(20));
      const author = await t().staff("author");
      const ids = async (period: string) =>
        (await t().call(author, "GET", `/readership/most-read?period=${period}&limit=100`))
          .json()
          .items.map((i: { articleId: string; views: number }) => [i.articleId, i.views])
          .filter(([id]: [string]) => id === old.id || id === recent.id);
      expect(await ids("7d")).toEqual([[recent.id, 900]]);
      expect(await ids("30d")).toEqual([
        [recent.id, 900],
        [old.id, 10],
      ]);
      expect(await ids("all")).toEqual([
        [old.id, 5010],
        [recent.id, 900],
      ]);
    });

    it.each([
      ["/readership/articles/not-an-id", "id"],
      ["/readership/articles/ARTICLE?from=2026-13-01", "from"],
      ["/readership/articles/ARTICLE?to=yesterday", "to"],
      ["/readership/articles/ARTICLE?from=2026-02-30", "from"],
      ["/readership/articles/ARTICLE?from=2026-05-02&to=2026-05-01", "from"],
      ["/readership/articles/ARTICLE?from=2020-01-01&to=2026-01-01", "from"],
      ["/readership/articles/ARTICLE?days=7", ""],
      ["/readership/most-read?period=1y", "period"],
      ["/readership/most-read?limit=0", "limit"],
      ["/readership/most-read?limit=abc", "limit"],
    ])("GET %s is a 400 naming '%s'", async (url, path) => {
      // Signing in hashes a password: one editor and article serve every case.
      shared ??= {
        a: await t().article({ status: "published" }),
        editor: await t().staff("editor"),
      };
      const { a, editor } = shared;
      const res = await t().call(editor, "GET", url.replace("ARTICLE", a.id));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("MH_CONTENT_INVALID");
      expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
    });

    it("an unknown article is a 404", async () => {
      const editor = await t().staff("editor");
      const res = await t().call(
        editor,
        "GET",
        "/readership/articles/0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c",
      );
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("MH_NOT_FOUND");
    });
  });
