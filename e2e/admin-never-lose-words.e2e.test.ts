import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSession, EDITOR, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { E2E_DATABASES } from "./helpers/server.js";

// Issue 14, "an editor that never loses words", in the app: text typed in a tab that is closed
// before it was saved is offered back (and gone after signing out), pickers know what another
// tab created, there is always a place to type below the last block, and a new article starts
// with no section chosen for the writer.

const API = "/api/admin/v1";

/** What this browser keeps of unsaved articles (src/admin/lib/local-drafts.ts). */
const keptCopies = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("masthead.unsaved.")));

describe.each(E2E_DATABASES)("never losing words (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [EDITOR], database });
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await context?.close();
  });

  const body = (p: Page) => p.getByRole("textbox", { name: "Article body" });

  it(
    "starts a new article with no section chosen and no messages before a field is touched",
    E2E_TIMEOUT,
    async () => {
      await page.goto(`${env.site.url}/admin/articles/new`);
      const section = page.getByLabel("Section", { exact: true });
      await section.waitFor();
      expect(await section.inputValue()).toBe("");
      expect(await page.locator(".field-error").count()).toBe(0);
      await page.getByLabel("Headline", { exact: true }).fill("A headline");
      await page.getByLabel("Headline", { exact: true }).fill("");
      await page.getByLabel(/^Dek/).focus();
      // Touched and left empty: now it may say so.
      await page.locator("#headline-error").waitFor();
    },
  );

  it(
    "offers the text of a tab closed mid-typing back, and forgets it at sign-out",
    E2E_TIMEOUT,
    async () => {
      const first = await context.newPage();
      await first.goto(`${env.site.url}/admin/articles/new`);
      await first.getByLabel("Headline", { exact: true }).fill("Words that must not be lost");
      await body(first).click();
      await first.keyboard.type("The council met late into the night");
      // Closed before the autosave's pause is over: only this browser has the words.
      await first.close();

      const again = await context.newPage();
      await again.goto(`${env.site.url}/admin/articles/new`);
      await again.getByText(/^Restore unsaved changes from /).waitFor();
      await again.getByRole("button", { name: "Restore them" }).click();
      expect(await again.getByLabel("Headline", { exact: true }).inputValue()).toBe(
        "Words that must not be lost",
      );
      expect(await visibleText(body(again))).toContain("The council met late into the night");
      await again.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
      await again.getByText(/^Saved at/).waitFor();
      // Saved: nothing is kept locally any more, and the article has an address of its own.
      await again.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
      expect(await keptCopies(again)).toEqual([]);
      const articleUrl = again.url();

      // Typing in the saved article, then the tab is gone again.
      await body(again).click();
      await again.keyboard.press("Control+End");
      await again.keyboard.type(" and voted at dawn");
      await again.close();

      const third = await context.newPage();
      await third.goto(articleUrl);
      await third.getByText(/^Restore unsaved changes from /).waitFor();
      expect((await keptCopies(third)).length).toBe(1);
      // A shared newsroom computer: signing out leaves nothing behind.
      await third.getByRole("button", { name: "Sign out", exact: true }).click();
      await third.getByLabel("Email").waitFor();
      expect(await keptCopies(third)).toEqual([]);

      await signIn(third, env.site.url, EDITOR);
      await third.goto(articleUrl);
      await third.getByLabel("Headline", { exact: true }).waitFor();
      expect(await visibleText(body(third))).not.toContain("voted at dawn");
      expect(await third.getByText(/^Restore unsaved changes from /).count()).toBe(0);
      await third.close();
    },
  );

  it(
    "picks a person created in another tab without a reload, and creates one in place",
    E2E_TIMEOUT,
    async () => {
      await page.goto(`${env.site.url}/admin/articles/new`);
      const adder = page.getByLabel("Add an author");
      await adder.waitFor();
      // Meanwhile, someone creates a person elsewhere.
      const session = await apiSession(env.site.url, EDITOR);
      const created = await fetch(`${env.site.url}${API}/people`, {
        method: "POST",
        headers: session.headers,
        body: JSON.stringify({ name: "Ada Newsroom", slug: "ada-newsroom" }),
      });
      expect(created.status).toBe(201);

      await adder.fill("Ada Newsroom");
      await adder.press("Enter");
      const authors = page.locator(".author-list");
      await authors.getByText("Ada Newsroom").waitFor();

      await adder.fill("Brand New Colleague");
      await page.getByRole("button", { name: "Create person “Brand New Colleague”" }).click();
      await authors.getByText("Brand New Colleague").waitFor();
      const list = (await (
        await fetch(`${env.site.url}${API}/people`, { headers: session.headers })
      ).json()) as { items: { name: string }[] };
      expect(list.items.map((p) => p.name)).toContain("Brand New Colleague");
    },
  );

  it(
    "always has a place to type below the last block, also after a reload",
    E2E_TIMEOUT,
    async () => {
      const session = await apiSession(env.site.url, EDITOR);
      const me = (await (
        await fetch(`${env.site.url}${API}/session`, { headers: session.headers })
      ).json()) as { user: { personId: string } };
      const sections = (await (
        await fetch(`${env.site.url}${API}/sections`, { headers: session.headers })
      ).json()) as { items: { id: string }[] };
      const reply = await fetch(`${env.site.url}${API}/articles`, {
        method: "POST",
        headers: session.headers,
        body: JSON.stringify({
          headline: "Ends with a divider",
          slug: "ends-with-a-divider",
          dek: "",
          type: "news",
          sectionId: sections.items[0]?.id,
          authorIds: [me.user.personId],
          tagIds: [],
          body: [
            { type: "paragraph", content: [{ text: "Above the line." }] },
            { type: "divider" },
          ],
        }),
      });
      expect(reply.status).toBe(201);
      const { article } = (await reply.json()) as { article: { id: string } };

      await page.goto(`${env.site.url}/admin/articles/${article.id}`);
      await body(page).waitFor();
      await page.locator(".editor-tail").click();
      await page.keyboard.type("Below the line.");
      await page.getByText(/^Saved at/).waitFor();
      const saved = (await (
        await fetch(`${env.site.url}${API}/articles/${article.id}`, { headers: session.headers })
      ).json()) as { article: { body: { type: string; content?: { text: string }[] }[] } };
      const last = saved.article.body.at(-1);
      expect(last?.type).toBe("paragraph");
      expect(last?.content?.map((r) => r.text).join("")).toBe("Below the line.");
    },
  );
});
