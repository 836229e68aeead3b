import { describe, expect, it, vi } from "vitest";
import {
  addRedirect,
  addRedirects,
  createArticle,
  editableFields,
  findRedirect,
  isGone,
  listRedirects,
  markGone,
  REDIRECT_FRESHNESS_MS,
  redirectMovedPath,
  removeRedirect,
  saveArticle,
  transact,
} from "../../src/store/index.js";
import { redirectIndexConsumer } from "../../src/store/redirect-index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";
import { published, seedBasics } from "../helpers/fixtures.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

for (const db of DATABASES) {
  describe(db.name, () => {
    const store = useFreshStore(db);
    const targets = async () =>
      Object.fromEntries(
        (await listRedirects(store())).items.map((r) => [
          r.fromQuery ? `${r.fromPath}?${r.fromQuery}` : r.fromPath,
          r.toPath,
        ]),
      );

    it("finds an exact redirect with or without its trailing slash, on any host, in any case", async () => {
      await addRedirect(store(), { from: "/2019/05/old-post/", to: "/articles/new-post" });
      for (const link of [
        "/2019/05/old-post/",
        "/2019/05/old-post",
        "https://old.example.com/2019/05/Old-Post/?utm_source=x",
      ])
        expect(await findRedirect(store(), link)).toBe("/articles/new-post");
      expect(await findRedirect(store(), "/2019/05/other")).toBeUndefined();
    });

    it("finds /?p=123 by its query, among other parameters, and not without it", async () => {
      await addRedirect(store(), { from: "/?p=123", to: "/articles/harbour?ref=old" });
      expect(await findRedirect(store(), "/?p=123")).toBe("/articles/harbour?ref=old");
      expect(await findRedirect(store(), "/?utm_medium=social&p=123")).toBe(
        "/articles/harbour?ref=old",
      );
      expect(await findRedirect(store(), "/?p=124")).toBeUndefined();
      expect(await findRedirect(store(), "/")).toBeUndefined();
    });

    it("matches patterns, the most specific first, after exact redirects", async () => {
      await addRedirect(store(), { from: "/:year/:month/:slug/", to: "/articles/:slug" });
      await addRedirect(store(), { from: "/2020/:month/:slug", to: "/archive/:slug" });
      await addRedirect(store(), { from: "/2019/05/special", to: "/articles/special-one" });
      expect(await findRedirect(store(), "/2019/05/harbour-strike/")).toBe(
        "/articles/harbour-strike",
      );
      expect(await findRedirect(store(), "/2020/01/x")).toBe("/archive/x");
      expect(await findRedirect(store(), "/2019/05/special")).toBe("/articles/special-one");
    });

    it("collapses chains both ways: A → B then B → C, and B → C then A → B", async () => {
      await addRedirect(store(), { from: "/a", to: "/b" });
      await addRedirect(store(), { from: "/b", to: "/c" });
      await addRedirect(store(), { from: "/z", to: "/a" });
      expect(await targets()).toEqual({ "/a": "/c", "/b": "/c", "/z": "/c" });
    });

    it("refuses a loop, at the field to fix, and writes nothing", async () => {
      await addRedirect(store(), { from: "/a", to: "/b" });
      await addRedirect(store(), { from: "/b", to: "/c" });
      const loop = await rejectionOf(addRedirect(store(), { from: "/c", to: "/a" }));
      expect(loop.code).toBe("MH_CONFLICT");
      expect(issuePaths(loop)).toEqual(["to"]);
      expect(await targets()).toEqual({ "/a": "/c", "/b": "/c" });
    });

    it("refuses a second redirect from the same address, a live page, and bad input", async () => {
      const basics = await seedBasics(store());
      const article = await createArticle(store(), basics.articleInput(published()));
      await addRedirect(store(), { from: "/old", to: "/new" });
      const taken = await rejectionOf(addRedirect(store(), { from: "/old/", to: "/other" }));
      expect(taken.code).toBe("MH_CONFLICT");
      expect(issuePaths(taken)).toEqual(["from"]);
      const live = await rejectionOf(
        addRedirect(store(), { from: `/articles/${article.slug}`, to: "/new" }),
      );
      expect(live.code).toBe("MH_CONFLICT");
      expect(issuePaths(live)).toEqual(["from"]);
      const invalid = await rejectionOf(addRedirect(store(), { from: "old", to: "x" }));
      expect(invalid.code).toBe("MH_CONTENT_INVALID");
      expect(issuePaths(invalid)).toEqual(["from", "to"]);
      expect((await listRedirects(store())).total).toBe(1);
    });

    it("moves a slug and, taking the old slug back, removes its redirect", async () => {
      await redirectMovedPath(store(), { from: "/articles/first", to: "/articles/second" });
      await redirectMovedPath(store(), { from: "/articles/second", to: "/articles/third" });
      expect(await targets()).toEqual({
        "/articles/first": "/articles/third",
        "/articles/second": "/articles/third",
      });
      await redirectMovedPath(store(), { from: "/articles/third", to: "/articles/first" });
      expect(await targets()).toEqual({
        "/articles/second": "/articles/first",
        "/articles/third": "/articles/first",
      });
      expect(await findRedirect(store(), "/articles/first")).toBeUndefined();
    });

    it("moves a pattern with the slug, so old feeds and pages follow a renamed section", async () => {
      await redirectMovedPath(store(), { from: "/sections/a/*", to: "/sections/b/*" });
      await redirectMovedPath(store(), { from: "/sections/b/*", to: "/sections/c/*" });
      expect(await findRedirect(store(), "/sections/a/page/2")).toBe("/sections/c/page/2");
      expect(await findRedirect(store(), "/sections/b/feed.xml")).toBe("/sections/c/feed.xml");
    });

    it("a published page's new slug leaves a redirect at the root, and its live address is refused as a start", async () => {
      const basics = await seedBasics(store());
      const page = await createArticle(store(), {
        ...basics.articleInput(published()),
        kind: "page",
        pageType: "AboutPage",
        sectionId: null,
        slug: "about",
      });
      await saveArticle(
        store(),
        page.id,
        { ...editableFields(page), kind: "page", pageType: "AboutPage", slug: "about-us" },
        { expectedVersion: 1, actor: { userId: null, name: "Ed Itor" } },
      );
      expect(await findRedirect(store(), "/about/")).toBe("/about-us");
      const live = await rejectionOf(addRedirect(store(), { from: "/about-us", to: "/elsewhere" }));
      expect(issuePaths(live)).toEqual(["from"]);
    });

    it("a slug change inside a transaction that fails leaves no redirect", async () => {
      await rejectionOf(
        transact(store(), async (tx) => {
          await redirectMovedPath(tx, { from: "/articles/a", to: "/articles/b" });
          throw new Error("the slug change failed");
        }),
      );
      expect((await listRedirects(store())).total).toBe(0);
    });

    it("adds thousands at once: upserts, follows targets, skips self and loops, and changes nothing when repeated", async () => {
      await addRedirect(store(), { from: "/?p=1", to: "/articles/stale" });
      const list = [
        ...Array.from({ length: 1500 }, (_, i) => ({
          from: `/2019/01/post-${i}/`,
          to: `/articles/post-${i}`,
        })),
        { from: "/?p=1", to: "/articles/post-1" },
        { from: "/?p=2", to: "/2019/01/post-2/" },
        { from: "/same", to: "/same/" },
        { from: "not a path", to: "/x" },
      ];
      const first = await addRedirects(store(), list, { source: "import" });
      expect(first).toMatchObject({ added: 1501, updated: 1, unchanged: 0 });
      expect(first.skipped.map((s) => s.from)).toEqual(["/same", "not a path"]);
      expect(await findRedirect(store(), "/?p=1")).toBe("/articles/post-1");
      expect(await findRedirect(store(), "/?p=2")).toBe("/articles/post-2");
      expect(await findRedirect(store(), "/2019/01/post-1499")).toBe("/articles/post-1499");
      const again = await addRedirects(store(), list, { source: "import" });
      expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1502 });
      expect((await listRedirects(store(), { q: "import" })).total).toBe(0);
      expect((await listRedirects(store(), { q: "post-14" })).total).toBe(111);
    });

    it("lists a page newest first and removes by id", async () => {
      const a = await addRedirect(store(), { from: "/a", to: "/x" });
      const b = await addRedirect(store(), { from: "/b", to: "/x" });
      const page = await listRedirects(store(), { limit: 1 });
      expect(page.total).toBe(2);
      expect(page.items.map((r) => r.id)).toEqual([b.id]);
      expect(page.items[0]).toMatchObject({ source: "manual", kind: "exact" });
      await removeRedirect(store(), a.id);
      expect(await findRedirect(store(), "/a")).toBeUndefined();
      expect((await rejectionOf(removeRedirect(store(), MISSING))).code).toBe("MH_NOT_FOUND");
    });

    it("answers from memory until the redirects' version changes, then within REDIRECT_FRESHNESS_MS", async () => {
      expect(await findRedirect(store(), "/old-home")).toBeUndefined();
      expect(await isGone(store(), "/locked-post")).toBe(false);
      // What another instance's write looks like from here: rows and a new version, no local call.
      const other = async () => {
        await store()
          .db.insertInto("redirects")
          .values({
            id: "6b1f3c52-52d0-4c5e-9a39-1b1e0c1d2e3f",
            from_path: "/old-home",
            from_query: "",
            to_path: "/about",
            to_key: "/about",
            kind: "exact",
            source: "manual",
            created_at: new Date().toISOString(),
          })
          .execute();
        await store()
          .db.insertInto("gone_addresses")
          .values({
            path_key: "/locked-post",
            query: "",
            reason: "test",
            created_at: new Date().toISOString(),
          })
          .execute();
        await store()
          .db.updateTable("data_versions")
          .set({ version: "from-elsewhere" })
          .where("name", "=", "redirects")
          .execute();
      };
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        await other();
        expect(await findRedirect(store(), "/old-home")).toBeUndefined();
        expect(await isGone(store(), "/locked-post")).toBe(false);
        vi.setSystemTime(Date.now() + REDIRECT_FRESHNESS_MS + 1);
        expect(await findRedirect(store(), "/old-home")).toBe("/about");
        expect(await isGone(store(), "/locked-post")).toBe(true);
      } finally {
        vi.useRealTimers();
      }
      // This instance's own writes are seen at once.
      await markGone(store(), ["/another-locked-post"], "test");
      expect(await isGone(store(), "/another-locked-post")).toBe(true);
      await removeRedirect(
        store(),
        (await listRedirects(store())).items.find((r) => r.fromPath === "/old-home")?.id ?? "",
      );
      expect(await findRedirect(store(), "/old-home")).toBeUndefined();
    });

    it("asks for the version at once after a change event, as another instance's write arrives", async () => {
      const index = redirectIndexConsumer();
      // The clock stands still: only the event can make the index ask again.
      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        expect(await findRedirect(store(), "/moved-by-another")).toBeUndefined();
        // Another instance's redirect: rows and a new version, no local call; then its event.
        await store()
          .db.insertInto("redirects")
          .values({
            id: "0d7e3a5c-8f2b-4c1d-9e6a-2b3c4d5e6f70",
            from_path: "/moved-by-another",
            from_query: "",
            to_path: "/about",
            to_key: "/about",
            kind: "exact",
            source: "manual",
            created_at: new Date().toISOString(),
          })
          .execute();
        await store()
          .db.updateTable("data_versions")
          .set({ version: "from-another-instance" })
          .where("name", "=", "redirects")
          .execute();
        expect(await findRedirect(store(), "/moved-by-another")).toBeUndefined();
        await index.handle([
          {
            type: "redirect.created",
            ids: { redirectId: "0d7e3a5c-8f2b-4c1d-9e6a-2b3c4d5e6f70" },
            paths: ["/moved-by-another"],
            position: 1,
            at: new Date().toISOString(),
          },
        ]);
        expect(await findRedirect(store(), "/moved-by-another")).toBe("/about");
      } finally {
        vi.useRealTimers();
      }
    });
  });
}
