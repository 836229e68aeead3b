import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiSession, EDITOR, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { E2E_DATABASES } from "./helpers/server.js";

// Issue 14: an unfinished block never stops a save (an empty tracker block is kept through a
// reload), and the publish dialog's checklist blocks on an error and records an overridden
// warning with its reason.

const HEADLINE = "Checklist at the desk";
const PARAGRAPH = "The council met late into the night.";
const REASON = "A text-only brief; the wire photo comes later";

describe.each(E2E_DATABASES)("the pre-publish checklist (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [EDITOR], database });
  let context: BrowserContext;
  let page: Page;
  let articleUrl = "";

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await context?.close();
  });

  const body = () => page.getByRole("textbox", { name: "Article body" });

  it(
    "saves a draft with an empty tracker block, and shows it again after a reload",
    E2E_TIMEOUT,
    async () => {
      await page.goto(`${env.site.url}/admin/articles/new`);
      await page.getByLabel("Headline", { exact: true }).fill(HEADLINE);
      await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
      await body().click();
      await page.keyboard.insertText(PARAGRAPH);
      await page.keyboard.press("Enter");
      await page.keyboard.type("/tracker");
      await page.getByRole("listbox", { name: "Insert block" }).waitFor();
      await page.keyboard.press("Enter");
      await body().locator('[data-block="tracker"]').waitFor();
      await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
      articleUrl = page.url();
      // The tracker is still unchosen: the draft saves anyway.
      const saved = page.waitForResponse(
        (r) => r.request().method() === "PUT" && /\/articles\/[0-9a-f-]{36}$/.test(r.url()),
      );
      await page.keyboard.press("ArrowDown");
      await page.keyboard.insertText(" More.");
      expect((await saved).status()).toBe(200);
      await page.getByText(/^Saved at/).waitFor();
      await page.reload();
      await body().waitFor();
      expect(await body().locator('[data-block="tracker"]').count()).toBe(1);
      expect(await visibleText(body())).toContain(PARAGRAPH);
    },
  );

  it("blocks publishing while the tracker block is unfinished", E2E_TIMEOUT, async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish" });
    const checklist = dialog.getByRole("list", { name: "Pre-publish checklist" });
    await checklist.locator(".checklist-error", { hasText: "trackerId is required" }).waitFor();
    expect(await dialog.getByRole("button", { name: "Publish now" }).isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it(
    "publishes once the tracker is chosen and the warning is overridden, recording why",
    E2E_TIMEOUT,
    async () => {
      const tracker = body().locator('[data-block="tracker"]');
      const picker = tracker.getByRole("combobox", { name: /^Tracker/ });
      const first = await picker.locator("option").nth(1).getAttribute("value");
      await picker.selectOption(first ?? "");
      await page.getByText(/^Saved at/).waitFor();

      await page.getByRole("button", { name: "Publish…" }).click();
      const dialog = page.getByRole("dialog", { name: "Publish" });
      const warning = dialog.locator('[data-check="featured-image"]');
      await warning.waitFor();
      expect(await dialog.locator(".checklist-error").count()).toBe(0);
      const publish = dialog.getByRole("button", { name: "Publish now" });
      expect(await publish.isDisabled()).toBe(true);
      await warning.getByLabel("Override").check();
      await warning.getByLabel("Reason").fill(REASON);
      await publish.click();
      await page.locator(".editor-topbar").getByText("Published", { exact: true }).waitFor();

      const id = new URL(articleUrl).pathname.split("/").pop();
      const session = await apiSession(env.site.url, EDITOR);
      const reply = (await (
        await fetch(`${env.site.url}/api/admin/v1/articles/${id}/checklist`, {
          headers: session.headers,
        })
      ).json()) as { overrides: { check: string; reason: string }[] };
      expect(reply.overrides).toEqual([
        expect.objectContaining({ check: "featured-image", reason: REASON }),
      ]);
    },
  );
});
