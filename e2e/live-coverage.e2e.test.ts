import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createArticle,
  getPersonBySlug,
  getSectionBySlug,
  type Store,
} from "../src/store/index.js";
import { EDITOR, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { E2E_DATABASES } from "./helpers/server.js";

// Issue 14, live coverage: updates posted to a live article appear on a reader's open page
// without a reload, newest first; the editor's composer writes and edits an update with its
// formatting (bold, links) and readers see it; the page without JavaScript shows them too; ending
// the coverage shows the "ended" state on the open page.

const SLUG = "e2e-election-night-live";
const API = "/api/admin/v1";
const UPDATES = [
  "Polls have closed in the east.",
  "Turnout is the highest in twenty years.",
  "The first results are in.",
];
const LINK = "https://example.org/recount";

/** A published live article without updates. */
async function seedLiveArticle(store: Store): Promise<void> {
  const section = await getSectionBySlug(store, "resist-hate");
  const author = await getPersonBySlug(store, "serena-zehlius");
  if (!section || !author) throw new Error("seedLiveArticle needs the demo publication");
  await createArticle(store, {
    slug: SLUG,
    headline: "Election night, live",
    dek: "Results as they come in.",
    type: "live",
    sectionId: section.id,
    authorIds: [author.id],
    status: "published",
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    body: [{ type: "paragraph", content: [{ text: "Follow the count with us." }] }],
  });
}

describe.each(E2E_DATABASES)("live coverage (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [EDITOR], database, seed: seedLiveArticle });
  let reader: Page;
  let headers: Record<string, string> = {};
  let articleId = "";

  /** A call to the admin API as the editor. */
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${env.site.url}${API}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  beforeAll(async () => {
    const res = await fetch(`${env.site.url}${API}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EDITOR.email, password: EDITOR.password }),
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
    headers = { cookie, "x-csrf-token": (await res.json()).csrfToken };
    const list = await api("GET", "/articles?limit=100");
    articleId = list.items.find((a: { slug: string }) => a.slug === SLUG).id;
    reader = await (await env.browser.newContext()).newPage();
  });
  afterAll(async () => {
    await reader?.context().close();
  });

  it(
    "three updates appear on an open reader's page without a reload, newest first",
    E2E_TIMEOUT,
    async () => {
      await reader.goto(`${env.site.url}/articles/${SLUG}`);
      await reader.getByText("No updates yet.").waitFor();
      await reader.locator("[data-live-connected]").waitFor({ state: "attached" });
      let navigations = 0;
      reader.on("framenavigated", () => {
        navigations += 1;
      });

      for (const text of UPDATES) {
        await api("POST", `/articles/${articleId}/live-updates`, {
          body: [{ type: "paragraph", content: [{ text }] }],
        });
        await reader.getByText(text).waitFor();
      }
      const shown = await reader.locator('[data-live-list="stream"] > li').allInnerTexts();
      expect(shown.map((s) => UPDATES.findIndex((u) => s.includes(u)))).toEqual([2, 1, 0]);
      expect(shown[0]).toContain("Serena Zehlius");
      expect(await reader.getByText("No updates yet.").isVisible()).toBe(false);
      expect(navigations).toBe(0);

      // Ending the coverage shows on the open page too.
      await api("PUT", `/articles/${articleId}/live-coverage`, { ended: true });
      await reader.getByText("Live coverage has ended.").waitFor();
      expect(navigations).toBe(0);
    },
  );

  it(
    "the composer posts a pinned update with bold and a link, edits it with its formatting, and ends coverage",
    E2E_TIMEOUT,
    async () => {
      await api("PUT", `/articles/${articleId}/live-coverage`, { ended: false });
      await reader.getByText("Coverage continues").waitFor();
      const admin = await openDesktopPage(env.browser);
      await signIn(admin, env.site.url, EDITOR);
      await admin.goto(`${env.site.url}/admin/articles/${articleId}`);
      const composer = admin.getByRole("region", { name: "Live updates" });
      await composer.getByText(UPDATES[0] as string).waitFor();

      // Written in the composer's editor: bold from the keyboard, a link from its dialog.
      await composer.getByRole("textbox", { name: "New update" }).click();
      await admin.keyboard.type("Officials order ");
      await admin.keyboard.press("Control+b");
      await admin.keyboard.type("a recount");
      await admin.keyboard.press("Control+b");
      await admin.keyboard.type(" in the north. Source: ");
      await composer
        .getByRole("toolbar", { name: "Update formatting" })
        .getByRole("button", { name: "Link" })
        .click();
      const dialog = admin.getByRole("dialog", { name: "Add link" });
      await dialog.getByLabel("Address").fill(LINK);
      await dialog.getByRole("button", { name: "Add link" }).click();
      await composer.getByLabel("Key update (pinned on top)").check();
      await composer.getByRole("button", { name: "Post update" }).click();

      const pinned = reader.locator('[data-live-list="pinned"]');
      await pinned.locator("strong", { hasText: "a recount" }).waitFor();
      await pinned.locator(`a[href="${LINK}"]`).waitFor();
      expect(await visibleText(pinned.locator("li").first())).toContain(
        `Officials order a recount in the north. Source: ${LINK}`,
      );

      // Opened for editing, the update keeps its bold and link; a second paragraph is added.
      await composer
        .locator("li", { hasText: "a recount" })
        .getByRole("button", { name: "Edit" })
        .click();
      const text = composer.getByRole("textbox", { name: "Edit update" });
      await text.locator("strong", { hasText: "a recount" }).waitFor();
      await text.locator(`a[href="${LINK}"]`).waitFor();
      // The composer's toolbar, editor and labels pass axe like the rest of the screen.
      const violations = await axeViolations(admin);
      expect(violations, describeViolations(violations)).toEqual([]);
      await text.focus();
      await admin.keyboard.press("Control+End");
      await admin.keyboard.press("Enter");
      await admin.keyboard.type("Counting resumes at dawn.");
      await composer.getByRole("button", { name: "Save update" }).click();

      await pinned.getByText("Counting resumes at dawn.").waitFor();
      expect(await pinned.locator("li").count()).toBe(1);
      await pinned.locator("strong", { hasText: "a recount" }).waitFor();
      await pinned.locator(`a[href="${LINK}"]`).waitFor();
      await composer.getByRole("textbox", { name: "New update" }).waitFor();
      expect(
        (await visibleText(composer.getByRole("textbox", { name: "New update" }))).trim(),
      ).toBe("");

      await composer.getByRole("button", { name: "End coverage" }).click();
      await reader.getByText("Live coverage has ended.").waitFor();
      await admin.context().close();
    },
  );

  it(
    "the page without JavaScript shows every update and the ended state",
    E2E_TIMEOUT,
    async () => {
      const context = await env.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${env.site.url}/articles/${SLUG}`);
      for (const text of UPDATES) await page.getByText(text).waitFor();
      await page.getByText("Live coverage has ended.").waitFor();
      await context.close();
    },
  );
});
