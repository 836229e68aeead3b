import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSession, EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { REFERENCE_HEADLINE, REFERENCE_SLUG } from "./helpers/server.js";

// Two windows on one article: the second save of an outdated copy is refused (409 MH_STALE),
// the writer is told and keeps their text, and nothing of the first save is lost. Then the
// history restores an earlier version.

const env = useSiteAndBrowser({ users: [EDITOR] });

describe("two people editing one article", E2E_TIMEOUT, () => {
  let first: Page;
  let second: Page;
  beforeAll(async () => {
    // One browser profile, two windows: both share the session cookie.
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    first = await context.newPage();
    await signIn(first, env.site.url, EDITOR);
    second = await context.newPage();
    for (const page of [first, second]) {
      await page.goto(`${env.site.url}/admin/articles`);
      await page.getByRole("link", { name: REFERENCE_HEADLINE }).click();
      await page.locator('[data-block="image"] img').waitFor();
    }
  });
  afterAll(async () => {
    await first?.context().close();
  });

  const appendToBody = async (page: Page, text: string) => {
    await page.getByRole("textbox", { name: "Article body" }).locator(":scope > p").last().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText(text);
  };

  const storedBody = async () => {
    const { headers } = await apiSession(env.site.url, EDITOR);
    const api = `${env.site.url}/api/admin/v1`;
    const list = (await (await fetch(`${api}/articles`, { headers })).json()) as {
      items: { id: string; slug: string }[];
    };
    const id = list.items.find((a) => a.slug === REFERENCE_SLUG)?.id;
    const reply = (await (await fetch(`${api}/articles/${id}`, { headers })).json()) as {
      article: { body: unknown };
    };
    return JSON.stringify(reply.article.body);
  };

  it("refuses the outdated save, says so, and keeps the first writer's text", async () => {
    await appendToBody(first, " Added in the first window.");
    await first.getByText(/^Saved at/).waitFor();

    await appendToBody(second, " Added in the second window.");
    const notice = second.getByRole("alert").filter({ hasText: "Someone else saved this article" });
    await notice.waitFor();
    expect(await visibleText(second.locator(".save-status"))).toMatch(/Not saved/);
    await screenshot(second, "conflict", { whole: false });

    const stored = await storedBody();
    expect(stored).toContain("Added in the first window.");
    expect(stored).not.toContain("Added in the second window.");
  });

  it("lets the second writer copy their text, then load the other version", async () => {
    await second.getByRole("button", { name: "Copy my text" }).click();
    const copy = second.getByRole("dialog", { name: "Your text" });
    expect(await copy.getByRole("textbox").inputValue()).toContain("Added in the second window.");
    await copy.getByRole("button", { name: "Close" }).first().click();

    await second.getByRole("button", { name: "Load their version" }).click();
    const body = second.getByRole("textbox", { name: "Article body" });
    await body.getByText(/Added in the first window\./).waitFor();
    expect(await visibleText(body)).not.toContain("Added in the second window.");
    expect(await second.getByRole("alert").filter({ hasText: "Someone else saved" }).count()).toBe(
      0,
    );
  });

  it("lists the versions with what changed, and restores an earlier one", async () => {
    await first.reload();
    await first.locator('[data-block="image"] img').waitFor();
    await first.getByRole("button", { name: "History" }).click();
    const history = first.getByRole("dialog", { name: "History" });
    await history.getByRole("listitem").first().waitFor();
    const items = history.getByRole("listitem");
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    expect(await visibleText(items.first())).toMatch(/1 block changed/);
    await screenshot(first, "history", { whole: false });

    await items
      .last()
      .getByRole("button", { name: /^Restore version/ })
      .click();
    await history.waitFor({ state: "detached" });
    const body = first.getByRole("textbox", { name: "Article body" });
    await first.getByText("Version restored.").waitFor();
    expect(await visibleText(body)).not.toContain("Added in the first window.");
    expect(await storedBody()).not.toContain("Added in the first window.");
  });
});
