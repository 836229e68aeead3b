import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../src/content/index.js";
import { LEGACY_HTML_TAGS } from "../src/sanitize/legacy-html.js";
import {
  createArticle,
  getPersonBySlug,
  getSectionBySlug,
  type Store,
} from "../src/store/index.js";
import { XSS_VECTORS } from "../test/sanitize/xss-vectors.js";
import { apiSession, EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";

// Legacy-HTML blocks in a real browser. Readers: every XSS vector, stored unsanitized straight
// in the database (as a hostile API client could), is parsed by Chromium from the rendered page
// without running anything or leaving any element or attribute outside the policy. Editors: an
// imported block shows as a marked box with its text, survives a save, and can be removed.

const HOSTILE = { slug: "e2e-legacy-html-hostile", headline: "Browser test: hostile legacy HTML" };
const IMPORTED = { slug: "e2e-legacy-html-imported", headline: "Browser test: an imported table" };
const TABLE: Block = {
  type: "html",
  html: '<table><caption>Wombat sightings</caption><tr><th>Island</th><th>Count</th></tr><tr><td>Rottnest</td><td>12</td></tr></table><p><img src="https://old.example/wombat.jpg" alt="A wombat"></p>',
  reason: "wp:table",
};

async function seed(store: Store): Promise<void> {
  const section = await getSectionBySlug(store, "resist-hate");
  const author = await getPersonBySlug(store, "serena-zehlius");
  if (!section || !author) throw new Error("the demo section and author are missing");
  const article = (slug: string, headline: string, body: Block[]) =>
    createArticle(store, {
      slug,
      headline,
      dek: "Seeded by the browser tests of legacy HTML.",
      type: "news",
      sectionId: section.id,
      authorIds: [author.id],
      status: "published",
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      body,
    });
  await article(
    HOSTILE.slug,
    HOSTILE.headline,
    XSS_VECTORS.map((html, i) => ({ type: "html", html, reason: `vector ${i}` })),
  );
  await article(IMPORTED.slug, IMPORTED.headline, [
    { type: "paragraph", content: [{ text: "Before the table." }] },
    TABLE,
    { type: "paragraph", content: [{ text: "After the table." }] },
  ]);
}

const env = useSiteAndBrowser({ users: [EDITOR], seed });

const ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "rel"],
  img: ["src", "alt", "width", "height", "loading"],
  abbr: ["title"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan", "scope"],
  ol: ["start"],
};

describe("legacy HTML for readers", E2E_TIMEOUT, () => {
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];
  beforeAll(async () => {
    page = await env.browser.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("request", (request) => requests.push(request.url()));
  });
  afterAll(async () => {
    await page?.close();
  });

  it("runs none of the XSS vectors and leaves only the policy's elements and attributes", async () => {
    // "load" waits for every image, so an onerror that survived would have fired by then.
    await page.goto(`${env.site.url}/articles/${HOSTILE.slug}`, { waitUntil: "load" });
    const blocks = page.locator(".article-body .legacy-html");
    expect(await blocks.count()).toBeGreaterThan(0);
    // The check below must have something to check: the safe parts of the vectors survive.
    expect(await blocks.locator("*").count()).toBeGreaterThan(20);
    const problems = await page.evaluate(
      ({ tags, attributes }) => {
        const found: string[] = [];
        for (const box of document.querySelectorAll(".article-body .legacy-html")) {
          for (const el of box.querySelectorAll("*")) {
            const name = el.localName;
            if (!tags.includes(name) || el.namespaceURI !== "http://www.w3.org/1999/xhtml")
              found.push(`element ${name} in ${box.getAttribute("data-reason")}`);
            for (const attr of el.getAttributeNames())
              if (![...(attributes[name] ?? []), "dir", "lang"].includes(attr))
                found.push(`${attr} on ${name} in ${box.getAttribute("data-reason")}`);
            const url =
              el instanceof HTMLAnchorElement
                ? el.href
                : el instanceof HTMLImageElement
                  ? el.src
                  : "";
            if (url !== "" && !/^(https?|mailto):/.test(url))
              found.push(`address ${url} in ${box.getAttribute("data-reason")}`);
          }
        }
        return found;
      },
      { tags: [...LEGACY_HTML_TAGS], attributes: ATTRIBUTES },
    );
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("shows an imported table in the article body, and a remote image as a link it does not load", async () => {
    requests.length = 0;
    await page.goto(`${env.site.url}/articles/${IMPORTED.slug}`, { waitUntil: "load" });
    const box = page.locator('.article-body .legacy-html[data-reason="wp:table"]');
    expect(await box.getByRole("table", { name: "Wombat sightings" }).isVisible()).toBe(true);
    expect(await visibleText(box.getByRole("cell", { name: "Rottnest" }))).toBe("Rottnest");
    const link = box.getByRole("link", { name: "Image: A wombat" });
    expect(await link.getAttribute("href")).toBe("https://old.example/wombat.jpg");
    expect(requests.filter((url) => !url.startsWith(env.site.url))).toEqual([]);
  });
});

describe("legacy HTML in the editor", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  const storedBody = async (): Promise<Block[]> => {
    const { headers } = await apiSession(env.site.url, EDITOR);
    const api = `${env.site.url}/api/admin/v1`;
    const list = (await (await fetch(`${api}/articles`, { headers })).json()) as {
      items: { id: string; slug: string }[];
    };
    const id = list.items.find((a) => a.slug === IMPORTED.slug)?.id;
    const reply = (await (await fetch(`${api}/articles/${id}`, { headers })).json()) as {
      article: { body: Block[] };
    };
    return reply.article.body;
  };

  const openArticle = async () => {
    await page.goto(`${env.site.url}/admin/articles`);
    await page.getByRole("link", { name: IMPORTED.headline }).click();
    await page.getByRole("textbox", { name: "Article body" }).waitFor();
  };

  const LABEL = "Imported HTML — could not be converted (wp:table)";

  it("shows the block as a marked box with its text, never its markup, and keeps it on save", async () => {
    await openArticle();
    const box = page.getByRole("group", { name: LABEL });
    await box.waitFor();
    const preview = box.getByRole("region", { name: "Text of the imported HTML" });
    expect(await visibleText(preview)).toContain("Rottnest 12");
    expect(await box.locator("table, img").count()).toBe(0);
    await screenshot(page, "legacy-html", { whole: false });

    const body = page.getByRole("textbox", { name: "Article body" });
    await body.locator(":scope > p").last().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText(" Edited.");
    await page.getByText(/^Saved at/).waitFor();
    const stored = await storedBody();
    expect(stored[1]).toEqual(TABLE);
    expect(stored[2]).toEqual({
      type: "paragraph",
      content: [{ text: "After the table. Edited." }],
    });

    await page.reload();
    await page.getByRole("group", { name: LABEL }).waitFor();
  });

  it("is removed with its Remove button, and the save drops it", async () => {
    const box = page.getByRole("group", { name: LABEL });
    await box.getByRole("button", { name: /^Remove imported html/ }).click();
    expect(await page.getByRole("group", { name: LABEL }).count()).toBe(0);
    await page.getByText(/^Saved at/).waitFor();
    expect((await storedBody()).map((b) => b.type)).toEqual(["paragraph", "paragraph"]);
  });
});
