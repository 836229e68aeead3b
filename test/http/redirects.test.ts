import { beforeAll, describe, expect, it } from "vitest";
import {
  createTag,
  editableFields,
  getArticleBySlug,
  getVersionedArticle,
  getVersionedPerson,
  listPeople,
  listSections,
  type Store,
} from "../../src/store/index.js";
import { type SignedIn, signIn } from "../helpers/auth.js";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_SLUG, useDemoApp } from "./app.js";

const API = "/api/admin/v1";

for (const db of DATABASES)
  describe(`redirects on ${db.name}`, () => {
    const t = useDemoApp(db);
    let editor: SignedIn;
    beforeAll(async () => {
      editor = await signIn(t().app, t().store, "editor");
    });

    const add = (from: unknown, to: unknown) =>
      t().app.inject({
        method: "POST",
        url: `${API}/redirects`,
        headers: editor.headers,
        payload: { from, to },
      });
    const get = (url: string) => t().app.inject({ method: "GET", url });
    const expectMoved = async (url: string, location: string) => {
      const res = await get(url);
      expect({ url, status: res.statusCode, location: res.headers.location }).toEqual({
        url,
        status: 301,
        location,
      });
    };

    it("answers an old exact path with 301, with or without its trailing slash and host", async () => {
      const res = await add("https://old.example.com/2019/05/harbour/", `/articles/${DEMO_SLUG}`);
      expect(res.statusCode).toBe(201);
      expect(res.json().redirect).toMatchObject({ fromPath: "/2019/05/harbour", source: "manual" });
      await expectMoved("/2019/05/harbour/", `/articles/${DEMO_SLUG}`);
      await expectMoved("/2019/05/harbour?utm_source=x", `/articles/${DEMO_SLUG}`);
      expect((await get("/2019/05/harbour")).headers["cache-control"]).toBe("public, max-age=3600");
      const follow = await get(`/articles/${DEMO_SLUG}`);
      expect(follow.statusCode).toBe(200);
    });

    it("answers /?p=123 before the home page, keeping the target's own query", async () => {
      expect((await add("/?p=123", "/search?q=harbour")).statusCode).toBe(201);
      await expectMoved("/?p=123", "/search?q=harbour");
      await expectMoved("/?p=123&utm_campaign=old", "/search?q=harbour");
      expect((await get("/?p=999")).statusCode).toBe(200);
      expect((await get("/")).statusCode).toBe(200);
    });

    it("answers a pattern, and redirects feeds like any other path", async () => {
      expect((await add("/:year/:month/:day/:slug/", "/articles/:slug")).statusCode).toBe(201);
      await expectMoved("/2018/03/04/some-story/", "/articles/some-story");
      expect((await add("/feed/", "/feed.xml")).statusCode).toBe(201);
      await expectMoved("/feed/", "/feed.xml");
      expect((await add("/old-shop/*", "https://shop.example.com/*")).statusCode).toBe(201);
      await expectMoved("/old-shop/mugs/blue", "https://shop.example.com/mugs/blue");
    });

    it("leaves a 404 a 404 when no redirect covers it, for GET and for POST", async () => {
      expect((await get("/2019/05/nothing-here/")).statusCode).toBe(404);
      expect((await get("/articles/no-such-story")).statusCode).toBe(404);
      await add("/posted", "/articles/x");
      expect((await t().app.inject({ method: "POST", url: "/posted" })).statusCode).toBe(404);
    });

    it("a published article's slug change leaves a working 301 from the old URL", async () => {
      const { app, store } = t();
      const article = await getArticleBySlug(store, DEMO_SLUG);
      const current = await getVersionedArticle(store, article?.id as string);
      if (!current) throw new Error("demo article missing");
      expect((await get(`/articles/${DEMO_SLUG}`)).statusCode).toBe(200);
      const saved = await app.inject({
        method: "PUT",
        url: `${API}/articles/${current.article.id}`,
        headers: editor.headers,
        payload: {
          ...editableFields(current.article),
          slug: "cartels-story",
          version: current.version,
        },
      });
      expect(saved.statusCode).toBe(200);
      await expectMoved(`/articles/${DEMO_SLUG}`, "/articles/cartels-story");
      // Redirects that pointed at the old URL now point at the new one (a chain collapsed).
      await expectMoved("/2019/05/harbour/", "/articles/cartels-story");
      expect((await get("/articles/cartels-story")).statusCode).toBe(200);
    });

    it("a section's, tag's and author's slug change leaves 301s, their further pages and feeds too", async () => {
      const { app, store } = t();
      const [section] = await listSections(store);
      if (!section) throw new Error("demo section missing");
      const { id: sectionId, ...sectionInput } = section;
      const s = await app.inject({
        method: "PUT",
        url: `${API}/sections/${sectionId}`,
        headers: editor.headers,
        payload: { ...sectionInput, slug: "renamed-section" },
      });
      expect(s.statusCode).toBe(200);
      await expectMoved(`/sections/${section.slug}`, "/sections/renamed-section");
      await expectMoved(`/sections/${section.slug}/feed.xml`, "/sections/renamed-section/feed.xml");

      const tag = await createTag(store, { slug: "old-topic", name: "Topic" });
      const tg = await app.inject({
        method: "PUT",
        url: `${API}/tags/${tag.id}`,
        headers: editor.headers,
        payload: { slug: "new-topic", name: "Topic" },
      });
      expect(tg.statusCode).toBe(200);
      await expectMoved("/tags/old-topic", "/tags/new-topic");

      await renamePerson(app, store, editor);
    });

    it("refuses bad input to the admin API with 400 and the field path, and a loop with 409", async () => {
      const bad = await add("no-slash", "/x");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe("MH_CONTENT_INVALID");
      expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["from"]);
      const badTo = await add("/a-b", "javascript:alert(1)");
      expect(badTo.statusCode).toBe(400);
      expect(badTo.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
      const missing = await t().app.inject({
        method: "POST",
        url: `${API}/redirects`,
        headers: editor.headers,
        payload: { from: "/x" },
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
      await add("/loop-a", "/loop-b");
      const loop = await add("/loop-b", "/loop-a");
      expect(loop.statusCode).toBe(409);
      expect(loop.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    });

    it("lists with a text filter and removes; only editors and owners may", async () => {
      const { app, store } = t();
      const list = await app.inject({
        method: "GET",
        url: `${API}/redirects?q=harbour&limit=5`,
        headers: editor.headers,
      });
      expect(list.statusCode).toBe(200);
      const { items, total } = list.json();
      expect(total).toBeGreaterThanOrEqual(1);
      const harbour = items.find((r: { fromPath: string }) => r.fromPath === "/2019/05/harbour");
      const removed = await app.inject({
        method: "DELETE",
        url: `${API}/redirects/${harbour.id}`,
        headers: editor.headers,
      });
      expect(removed.statusCode).toBe(204);
      expect((await get("/2019/05/harbour/")).statusCode).toBe(404);
      const author = await signIn(app, store, "author");
      const refused = await app.inject({
        method: "GET",
        url: `${API}/redirects`,
        headers: author.headers,
      });
      expect(refused.statusCode).toBe(403);
    });
  });

async function renamePerson(
  app: ReturnType<ReturnType<typeof useDemoApp>>["app"],
  store: Store,
  editor: SignedIn,
): Promise<void> {
  const [person] = await listPeople(store);
  if (!person) throw new Error("demo person missing");
  const versioned = await getVersionedPerson(store, person.id);
  const { id, ...input } = person;
  const res = await app.inject({
    method: "PUT",
    url: `${API}/people/${id}`,
    headers: editor.headers,
    payload: { ...input, slug: "renamed-person", version: versioned?.version },
  });
  expect(res.statusCode).toBe(200);
  const moved = await app.inject({ method: "GET", url: `/authors/${person.slug}` });
  expect(moved.statusCode).toBe(301);
  expect(moved.headers.location).toBe("/authors/renamed-person");
}
