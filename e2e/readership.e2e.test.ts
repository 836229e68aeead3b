import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { READER_USER_AGENTS } from "./helpers/browser.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

// Readers open the reference article; an editor then finds it among the most read in the admin
// app, with a chart of its views per day that names the figures for screen readers too.

const env = useSiteAndBrowser({ users: [EDITOR] });

describe("the Readership screen", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    for (const userAgent of READER_USER_AGENTS.slice(0, 2)) {
      const context = await env.browser.newContext({ userAgent });
      const reader = await context.newPage();
      const beacon = reader.waitForResponse(
        (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/views/"),
      );
      await reader.goto(env.site.url + REFERENCE_PATH);
      expect((await beacon).status()).toBe(200);
      await context.close();
    }
    // axe-core is injected as a script, which the admin app's Content-Security-Policy would refuse.
    page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.close();
  });

  it("shows the readers' views as the most read and as a chart with a table alternative", async () => {
    await page.getByRole("link", { name: "Readership" }).click();
    await page.getByRole("heading", { level: 1, name: "Readership" }).waitFor();
    // Views reach the store within a second of the beacon: reload the screen until they have.
    const chart = page.getByRole("img", { name: /Views per day of/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole("heading", { level: 2, name: "Most read" }).waitFor();
          return (await chart.count()) > 0 ? chart.getAttribute("aria-label") : "";
        },
        { timeout: 15_000, interval: 500 },
      )
      .toContain("2 views in all");
    const top = page.getByRole("table", { name: /Most-read articles/ });
    await expect
      .poll(() => top.getByRole("row").nth(1).textContent())
      .toContain(REFERENCE_HEADLINE);
    expect(await page.locator(".readership-chart rect.chart-bar").count()).toBe(30);

    await page.getByText("Show the figures as a table").click();
    const today = new Date().toISOString().slice(0, 10);
    const row = page.getByRole("table", { name: /Views per day/ }).getByRole("row", {
      name: new RegExp(today),
    });
    expect(await row.getByRole("cell").last().textContent()).toBe("2");

    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, "readership");
  });
});
