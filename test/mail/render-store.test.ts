// The reference article, loaded into a real database as the demo publication, read back by
// src/services/email-content.ts and rendered: on SQLite, and on PostgreSQL when configured.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/auth/actor.js";
import {
  EMAIL_LINK_PLACEHOLDERS,
  personalize,
  renderArticleEmail,
  renderDigestEmail,
} from "../../src/mail/render/index.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import {
  loadDigestItems,
  loadEmailArticle,
  loadEmailPublication,
} from "../../src/services/email-content.js";
import {
  addCorrection,
  createArticle,
  getArticleBySlug,
  type Store,
} from "../../src/store/index.js";
import { DATABASES } from "../helpers/databases.js";
import { published, seedBasics } from "../helpers/fixtures.js";
import { DEMO_SLUG } from "../http/app.js";
import { byClass, byTag, contains, newsletter, textOf } from "./render-helpers.js";

const PUBLIC_URL = "https://news.example.org";
const DEMO_URL = `${PUBLIC_URL}/articles/${DEMO_SLUG}`;

for (const db of DATABASES) {
  describe(db.name, () => {
    let store: Store;
    let dataDir: string;
    let demoId: string;

    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-mail-render-"));
      await loadDemoPublication({ store, dataDir }, systemActor("tests"));
      demoId = (await getArticleBySlug(store, DEMO_SLUG))?.id as string;
    });
    afterAll(async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    const renderDemo = async () =>
      renderArticleEmail({
        publication: await loadEmailPublication(store, PUBLIC_URL),
        newsletter,
        content: await loadEmailArticle(store, demoId),
      });

    it("names the publication from its settings", async () => {
      expect(await loadEmailPublication(store, PUBLIC_URL)).toEqual({
        name: "Zany Progressive",
        publicUrl: PUBLIC_URL,
        language: "en",
      });
    });

    it("renders the reference article with its speakers, commentary label and credits", async () => {
      const email = await renderDemo();
      expect(email.subject).toBe(
        "Trump Signals Possible U.S. Military Action Against Drug Cartels in Mexico",
      );
      const speakers = byClass(email.html, "quote-speaker").map(textOf);
      expect(speakers).toHaveLength(2);
      expect(speakers[0]).toMatch(/^— Donald Trump, /);
      expect(speakers[1]).toMatch(/^— Claudia Sheinbaum, /);
      expect(email.text).toMatch(/> — Donald Trump, /);
      expect(email.text).toMatch(/> — Claudia Sheinbaum, /);

      expect(byClass(email.html, "commentary-label").map(textOf)).toEqual([
        "Commentary — the author’s opinion",
      ]);
      expect(email.text).toContain("| COMMENTARY — THE AUTHOR’S OPINION");

      const [image] = byTag(email.html, "img");
      expect(image?.attribs.alt).toBe("National palace in mexico drug cartels in mexico");
      expect(image?.attribs.src).toMatch(/^https:\/\/news\.example\.org\/media\/.+\.svg$/);
      expect(byClass(email.html, "caption").map(textOf).join("\n")).toContain(
        "Photo: Eric Menjívar / Flickr, CC BY-SA 2.0",
      );
      expect(email.text.replace(/\s+/g, " ")).toContain(
        "Photo: Eric Menjívar / Flickr, CC BY-SA 2.0 (https://creativecommons.org/licenses/by-sa/2.0/)",
      );
    });

    it("shows the video as a poster linking to the article page, and leaves the ad out", async () => {
      const email = await renderDemo();
      const [poster] = byClass(email.html, "video-poster");
      const link = byTag(email.html, "a").find((a) => contains(poster as never, a));
      expect(link?.attribs.href).toBe(DEMO_URL);
      expect(textOf(link as never)).toContain("Watch the video on Zany Progressive");
      expect(byTag(email.html, "iframe")).toEqual([]);
      expect(email.html).not.toMatch(/advertisement/i);
      expect(email.text).toContain("Watch the video on Zany Progressive:");
    });

    it("links the tracker to its page and the body's site links absolutely", async () => {
      const email = await renderDemo();
      const hrefs = byTag(email.html, "a").map((a) => a.attribs.href);
      expect(hrefs).toContain(`${PUBLIC_URL}/trackers/criminals-pardoned-by-trump-this-term`);
      expect(hrefs).toContain(`${PUBLIC_URL}/sections/resist-hate`);
      expect(hrefs.filter((h) => h?.startsWith("/"))).toEqual([]);
    });

    it("keeps the footer placeholders for personalize", async () => {
      const email = await renderDemo();
      for (const p of Object.values(EMAIL_LINK_PLACEHOLDERS)) {
        expect(email.html).toContain(p);
        expect(email.text).toContain(p);
      }
      const personal = personalize(email, {
        unsubscribe: `${PUBLIC_URL}/u/1`,
        preferences: `${PUBLIC_URL}/p/1`,
        webVersion: `${PUBLIC_URL}/e/1`,
      });
      expect(personal.html).toContain(`href="${PUBLIC_URL}/u/1"`);
      expect(personal.text).toContain(`Unsubscribe: ${PUBLIC_URL}/u/1`);
    });

    it("lists the article's correction notes at the end", async () => {
      const basics = await seedBasics(store);
      const article = await createArticle(store, basics.articleInput(published()));
      await addCorrection(
        store,
        article.id,
        { kind: "update", note: "Adds the mayor's reply." },
        { userId: null, name: "Editor" },
      );
      const email = renderArticleEmail({
        publication: await loadEmailPublication(store, PUBLIC_URL),
        newsletter,
        content: await loadEmailArticle(store, article.id),
      });
      expect(textOf(byClass(email.html, "corrections")[0] as never)).toMatch(
        /^Update Update \(.+ UTC\): Adds the mayor's reply\.$/,
      );
      expect(email.text).toMatch(/Update\n- Update \(.+ UTC\): Adds the mayor's reply\./);
    });

    it("sends only a published article: unknown ids and pages are not found, drafts refused", async () => {
      const basics = await seedBasics(store);
      const draft = await createArticle(store, basics.articleInput());
      const about = await getArticleBySlug(store, "about");
      await expect(
        loadEmailArticle(store, "00000000-0000-4000-8000-0000000000ff"),
      ).rejects.toMatchObject({
        code: "MH_NOT_FOUND",
      });
      await expect(loadEmailArticle(store, draft.id)).rejects.toMatchObject({
        code: "MH_CONFLICT",
      });
      expect(about?.kind).toBe("page");
      await expect(loadEmailArticle(store, about?.id as string)).rejects.toMatchObject({
        code: "MH_NOT_FOUND",
      });
    });

    it("loads digest entries in the order given, leaving out what readers cannot see", async () => {
      const basics = await seedBasics(store);
      const other = await createArticle(store, basics.articleInput(published()));
      const draft = await createArticle(store, basics.articleInput());
      const items = await loadDigestItems(store, [
        other.id,
        draft.id,
        "00000000-0000-4000-8000-0000000000ff",
        demoId,
      ]);
      expect(items.map((i) => i.article.id)).toEqual([other.id, demoId]);
      expect(items[0]).toMatchObject({
        authors: [{ id: basics.person.id }],
        section: { id: basics.section.id },
        image: { id: basics.media.id },
      });
      expect(items[1]?.authors.map((a) => a.name)).toEqual(["Serena Zehlius"]);
      expect(items[1]?.section.name).toBe("Resist Hate");

      const email = renderDigestEmail({
        publication: await loadEmailPublication(store, PUBLIC_URL),
        newsletter,
        heading: "This week",
        items,
      });
      expect(byClass(email.html, "digest-title").map(textOf)).toEqual([
        other.headline,
        "Trump Signals Possible U.S. Military Action Against Drug Cartels in Mexico",
      ]);
      expect(byTag(email.html, "img").map((i) => i.attribs.src)).toEqual([
        `${PUBLIC_URL}/media/${basics.media.storageKey}`,
        expect.stringMatching(/^https:\/\/news\.example\.org\/media\/.+\.svg$/),
      ]);
    });
  });
}
