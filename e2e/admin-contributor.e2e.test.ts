import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson } from "../src/store/index.js";
import { apiSession, PASSWORD, screenshot, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_HEADLINE } from "./helpers/server.js";

// A contributor writes drafts and sends them to review; publishing is an editor's call. The
// app shows no publish control, and the API refuses one made by hand.

const CONTRIBUTOR = {
  email: "carl@example.org",
  name: "Carl Contributor",
  role: "contributor" as const,
  password: PASSWORD,
  personSlug: "carl-contributor",
};
const HEADLINE = "Council delays the vote on the new bus lanes";

const env = useSiteAndBrowser({
  seed: async (store) => {
    await createPerson(store, {
      slug: "carl-contributor",
      name: "Carl Contributor",
      roleTitle: "Contributor",
    });
  },
  users: [CONTRIBUTOR],
});

describe("a contributor", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, env.site.url, CONTRIBUTOR);
  });
  afterAll(async () => {
    await page?.close();
  });

  const topbar = () => page.locator(".editor-topbar");

  it("writes a draft and can only submit it for review, never publish it", async () => {
    const nav = page.locator(".sidebar");
    for (const hidden of ["Comments", "Users", "Settings"])
      expect(await nav.getByRole("link", { name: hidden }).count()).toBe(0);

    await page.getByRole("link", { name: "New article" }).click();
    await page.getByLabel("Headline", { exact: true }).fill(HEADLINE);
    // No section is preselected for a new article (issue 14): the writer chooses one.
    await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
    await page.getByRole("textbox", { name: "Article body" }).click();
    await page.keyboard.insertText(
      "The council postponed its vote to next month after a long debate.",
    );
    await page.getByText(/^Saved at/).waitFor();

    // A shareable preview of the draft opens in a new window.
    const [preview] = await Promise.all([
      page.context().waitForEvent("page"),
      topbar().getByRole("button", { name: "Preview" }).click(),
    ]);
    await preview.getByRole("heading", { level: 1, name: HEADLINE }).waitFor();
    expect(new URL(preview.url()).pathname).toMatch(/^\/preview\//);
    await preview.close();
    expect(await page.getByLabel("Preview address").inputValue()).toMatch(/\/preview\//);

    expect(await page.getByRole("button", { name: /publish|schedule/i }).count()).toBe(0);
    await topbar().getByRole("button", { name: "Submit for review" }).click();
    await topbar().getByText("In review", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: /publish|schedule/i }).count()).toBe(0);
    expect(await topbar().getByRole("button", { name: "Withdraw from review" }).count()).toBe(1);
    await screenshot(page, "contributor-editor");
  });

  it("reads a published article of someone else without controls to change or unpublish it", async () => {
    await page.locator(".sidebar").getByRole("link", { name: "Articles" }).click();
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).click();
    await page.getByText("You can read this article but not change it").waitFor();
    expect(
      await topbar()
        .getByRole("button")
        .filter({ hasText: /publish|schedule|submit|preview/i })
        .count(),
    ).toBe(0);
    expect(await page.getByRole("toolbar", { name: "Formatting" }).count()).toBe(0);
    expect(
      await page.getByLabel("Headline", { exact: true }).getAttribute("readonly"),
    ).not.toBeNull();
  });

  it("is refused by the API (403) when it tries to publish by hand, and nothing changes", async () => {
    const { headers } = await apiSession(env.site.url, CONTRIBUTOR);
    const api = `${env.site.url}/api/admin/v1`;
    const list = (await (
      await fetch(`${api}/articles?q=${encodeURIComponent("bus lanes")}`, { headers })
    ).json()) as { items: { id: string; version: number; status: string }[] };
    const mine = list.items[0];
    expect(mine?.status).toBe("in_review");
    const forced = await fetch(`${api}/articles/${mine?.id}/transitions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ to: "published", version: mine?.version }),
    });
    expect(forced.status).toBe(403);
    expect(((await forced.json()) as { error: { code: string } }).error.code).toBe("MH_FORBIDDEN");
    const after = (await (await fetch(`${api}/articles/${mine?.id}`, { headers })).json()) as {
      article: { status: string };
    };
    expect(after.article.status).toBe("in_review");
  });
});
