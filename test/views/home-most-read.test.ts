// The front page's "Most read this week" box.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addViews, getArticleById } from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { type DemoDatabase, openDemoDatabase, startInstance } from "./helpers.js";

for (const db of DATABASES)
  describe(`the home page's most read on ${db.name}`, () => {
    let demo: DemoDatabase;
    beforeAll(async () => {
      demo = await openDemoDatabase(db);
    });
    afterAll(async () => {
      await demo?.close();
    });

    const home = async () => {
      const instance = await startInstance(demo);
      try {
        return await (await fetch(`${instance.url}/`)).text();
      } finally {
        await instance.app.close();
      }
    };
    const box = (html: string) =>
      /<section[^>]*class="listing most-read"[\s\S]*?<\/section>/.exec(html)?.[0];

    it("is left out while nobody has read anything this week", async () => {
      await addViews(demo.store, demo.articleId, 40, new Date(Date.now() - 30 * 86_400_000));
      expect(box(await home())).toBeUndefined();
    });

    it("lists the week's most-read articles, linked", async () => {
      await addViews(demo.store, demo.articleId, 3);
      const html = box(await home());
      const article = await getArticleById(demo.store, demo.articleId);
      expect(html).toContain("Most read this week");
      expect(html).toContain(`href="/articles/${article?.slug}"`);
    });
  });
