// The change events of the editorial services behind people, sections, tags, trackers, redirects
// and settings: each write records what changed and which public pages may show it, in its own
// transaction, and this server's cached pages follow at once.
import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { updateSettings } from "../../../src/store/index.js";
import { changesDuring } from "../../helpers/changes.js";
import { DATABASES } from "../../helpers/databases.js";
import { personInput, sectionInput, tagInput, trackerInput } from "../../helpers/fixtures.js";
import { useContentApp } from "./app.js";

const EVERYWHERE = ["/*"];

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    /** Runs one request and returns its response with the events it recorded. */
    const recorded = async (request: () => Promise<LightMyRequestResponse>) => {
      const { result: res, events } = await changesDuring(t().store, request);
      return { res, events };
    };

    it("a person added names their author page; an edit, every page (bylines)", async () => {
      const editor = await t().staff("editor");
      const input = personInput({ name: "Ida" });
      const added = await recorded(() => t().call(editor, "POST", "/people", input));
      expect(added.res.statusCode).toBe(201);
      const { person } = added.res.json();
      expect(added.events).toEqual([
        {
          type: "person.created",
          ids: { personId: person.id },
          paths: [`/authors/${input.slug}`],
        },
      ]);
      const edited = await recorded(() =>
        t().call(editor, "PUT", `/people/${person.id}`, { ...input, name: "Ida B.", version: 1 }),
      );
      expect(edited.res.statusCode).toBe(200);
      expect(edited.events).toEqual([
        { type: "person.updated", ids: { personId: person.id }, paths: EVERYWHERE },
      ]);
    });

    it("a refused write records nothing: a stale person, a taken slug, an edit without a version", async () => {
      const editor = await t().staff("editor");
      const id = t().basics.person.id;
      const stale = await recorded(() =>
        t().call(editor, "PUT", `/people/${id}`, { ...personInput(), version: 99 }),
      );
      expect(stale.res.statusCode).toBe(409);
      const unversioned = await recorded(() =>
        t().call(editor, "PUT", `/people/${id}`, personInput()),
      );
      expect(unversioned.res.json().error.code).toBe("MH_STALE");
      const tag = (await t().call(editor, "POST", "/tags", tagInput())).json().tag;
      const clash = await recorded(() =>
        t().call(editor, "POST", "/tags", tagInput({ slug: tag.slug })),
      );
      expect(clash.res.statusCode).toBe(409);
      expect([stale.events, unversioned.events, clash.events]).toEqual([[], [], []]);
    });

    it("sections change every page (the navigation); a new tag names its topic page", async () => {
      const editor = await t().staff("editor");
      const added = await recorded(() => t().call(editor, "POST", "/sections", sectionInput()));
      const section = added.res.json().section;
      const renamed = await recorded(() =>
        t().call(editor, "PUT", `/sections/${section.id}`, { slug: section.slug, name: "World" }),
      );
      expect([...added.events, ...renamed.events]).toEqual([
        { type: "section.created", ids: { sectionId: section.id }, paths: EVERYWHERE },
        { type: "section.updated", ids: { sectionId: section.id }, paths: EVERYWHERE },
      ]);

      const input = tagInput();
      const tagged = await recorded(() => t().call(editor, "POST", "/tags", input));
      const tag = tagged.res.json().tag;
      const retagged = await recorded(() =>
        t().call(editor, "PUT", `/tags/${tag.id}`, { slug: tag.slug, name: "Elections" }),
      );
      expect([...tagged.events, ...retagged.events]).toEqual([
        { type: "tag.created", ids: { tagId: tag.id }, paths: [`/tags/${input.slug}`] },
        { type: "tag.updated", ids: { tagId: tag.id }, paths: EVERYWHERE },
      ]);
    });

    it("a new tracker names its page and the sitemaps; edits and entries change every page", async () => {
      const editor = await t().staff("editor");
      const input = trackerInput(2);
      const added = await recorded(() => t().call(editor, "POST", "/trackers", input));
      const tracker = added.res.json().tracker;
      expect(added.events).toEqual([
        {
          type: "tracker.created",
          ids: { trackerId: tracker.id },
          paths: [`/trackers/${input.slug}`, "/sitemap.xml", "/sitemaps/"],
        },
      ]);
      const base = `/trackers/${tracker.id}`;
      const retitled = await recorded(() =>
        t().call(editor, "PUT", base, { slug: tracker.slug, title: "Every pardon, updated" }),
      );
      const entry = await recorded(() =>
        t().call(editor, "POST", `${base}/entries`, { title: "Third", occurredOn: "2025-03-01" }),
      );
      const entryId = entry.res.json().entry.id;
      const patched = await recorded(() =>
        t().call(editor, "PATCH", `${base}/entries/${entryId}`, { summary: "Corrected" }),
      );
      const removed = await recorded(() =>
        t().call(editor, "DELETE", `${base}/entries/${entryId}`),
      );
      expect(removed.res.statusCode).toBe(204);
      const trackerId = tracker.id;
      expect([retitled, entry, patched, removed].flatMap((r) => r.events)).toEqual([
        { type: "tracker.updated", ids: { trackerId }, paths: EVERYWHERE },
        { type: "tracker.updated", ids: { trackerId, entryId }, paths: EVERYWHERE },
        { type: "tracker.updated", ids: { trackerId, entryId }, paths: EVERYWHERE },
        { type: "tracker.updated", ids: { trackerId, entryId }, paths: EVERYWHERE },
      ]);
    });

    it("a tracker entry added shows at once in the cached article that embeds it", async () => {
      const editor = await t().staff("editor");
      const tracker = (await t().call(editor, "POST", "/trackers", trackerInput(2))).json().tracker;
      const article = await t().article({
        status: "published",
        input: { body: [{ type: "tracker", trackerId: tracker.id }] },
      });
      const page = () => t().app.inject({ method: "GET", url: `/articles/${article.slug}` });
      expect((await page()).body).toContain("2 entries");
      expect((await page()).body).toContain("2 entries");
      await t().call(editor, "POST", `/trackers/${tracker.id}/entries`, {
        title: "Third",
        occurredOn: "2025-03-01",
      });
      expect((await page()).body).toContain("3 entries");
    });

    it("a redirect names the address it starts from: exact, with its query, or a pattern's folders", async () => {
      const editor = await t().staff("editor");
      const add = (from: string, to: string) =>
        recorded(() => t().call(editor, "POST", "/redirects", { from, to }));
      const exact = await add("/old/harbour-story", "/articles/harbour");
      const query = await add("/?p=123", "/articles/harbour");
      const pattern = await add("/2019/:month/:slug", "/articles/:slug");
      expect(pattern.res.statusCode, pattern.res.body).toBe(201);
      const id = (r: { res: LightMyRequestResponse }) => r.res.json().redirect.id as string;
      expect([exact, query, pattern].flatMap((r) => r.events)).toEqual([
        { type: "redirect.created", ids: { redirectId: id(exact) }, paths: ["/old/harbour-story"] },
        { type: "redirect.created", ids: { redirectId: id(query) }, paths: ["/?p=123"] },
        { type: "redirect.created", ids: { redirectId: id(pattern) }, paths: ["/2019/*"] },
      ]);
      const removed = await recorded(() => t().call(editor, "DELETE", `/redirects/${id(pattern)}`));
      expect(removed.res.statusCode).toBe(204);
      expect(removed.events).toEqual([
        { type: "redirect.deleted", ids: { redirectId: id(pattern) }, paths: ["/2019/*"] },
      ]);
      const missing = await recorded(() => t().call(editor, "DELETE", `/redirects/${id(pattern)}`));
      expect([missing.res.statusCode, missing.events]).toEqual([404, []]);
    });

    it("a settings change records settings.updated and shows at once on a cached page", async () => {
      const owner = await t().staff("owner");
      const article = await t().article({ status: "published" });
      const page = () => t().app.inject({ method: "GET", url: `/articles/${article.slug}` });
      const settings = (await t().call(owner, "GET", "/settings")).json();
      await t().call(owner, "PUT", "/settings", { ...settings, title: "The Harbour Gazette" });
      expect((await page()).body).toContain("The Harbour Gazette");
      // Written behind the server's back (no event), the title does not show: the page is cached.
      await updateSettings(t().store, { ...settings, title: "Written Behind Its Back" });
      expect((await page()).body).toContain("The Harbour Gazette");

      const saved = await recorded(() =>
        t().call(owner, "PUT", "/settings", { ...settings, title: "The Evening Gazette" }),
      );
      expect(saved.res.statusCode).toBe(200);
      expect(saved.events).toEqual([{ type: "settings.updated", ids: {}, paths: EVERYWHERE }]);
      const body = (await page()).body;
      expect(body).toContain("The Evening Gazette");
      expect(body).not.toContain("The Harbour Gazette");
    });
  });
