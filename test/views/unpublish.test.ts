// The view counter follows the change events: a beacon sent right after an article is unpublished
// is not counted (it used to be, until the counter's memo of the article expired), and one sent
// right after it is published again is.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/server.js";
import { getVersionedArticle, getViews, readChangesAfter } from "../../src/store/index.js";
import { API } from "../api/content/app.js";
import { type SignedIn, signIn } from "../helpers/auth.js";
import { DATABASES } from "../helpers/databases.js";
import { BROWSER_UA, type DemoDatabase, openDemoDatabase } from "./helpers.js";

for (const db of DATABASES)
  describe(`the view counter on ${db.name}`, () => {
    let demo: DemoDatabase;
    let app: FastifyInstance;
    let editor: SignedIn;
    beforeAll(async () => {
      demo = await openDemoDatabase(db);
      // A memo trusted for a minute: only the events can make it forget in time.
      app = await buildServer({
        config: demo.config,
        store: demo.store,
        logLevel: "silent",
        views: { articleTtlMs: 60_000 },
      });
      await app.ready();
      editor = await signIn(app, demo.store, "editor");
    });
    afterAll(async () => {
      await app?.close();
      await demo?.close();
    });

    let readers = 0;
    const beacon = () =>
      app.inject({
        method: "POST",
        url: `/views/${demo.articleId}`,
        // Each beacon a reader of its own.
        headers: { "user-agent": `${BROWSER_UA} reader-${++readers}` },
      });

    let lastPosition = 0;
    /** Moves the demo article through the admin API, as an editor would. */
    const transition = async (to: "unpublished" | "published") => {
      const current = await getVersionedArticle(demo.store, demo.articleId);
      const res = await app.inject({
        method: "POST",
        url: `${API}/articles/${demo.articleId}/transitions`,
        headers: editor.headers,
        payload: { to, version: current?.version },
      });
      expect(res.statusCode, res.body).toBe(200);
      // The event every instance's view counter follows.
      const events = await readChangesAfter(demo.store, lastPosition);
      expect(events).toContainEqual(
        expect.objectContaining({ type: `article.${to}`, ids: { articleId: demo.articleId } }),
      );
      lastPosition = events.at(-1)?.position ?? lastPosition;
    };

    it("a beacon right after an unpublish is not counted, and right after a publish it is", async () => {
      // The counter now remembers the article as public.
      const first = await beacon();
      expect(first.statusCode).toBe(200);

      await transition("unpublished");
      const afterUnpublish = await beacon();
      expect(afterUnpublish.statusCode).toBe(404);

      await transition("published");
      const afterPublish = await beacon();
      expect(afterPublish.statusCode).toBe(200);

      // What reaches the store: the first view and the last, nothing in between.
      await app.close();
      expect(await getViews(demo.store, demo.articleId)).toBe(
        (first.json() as { views: number }).views + 1,
      );
    });
  });
