import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createArticle,
  getPersonBySlug,
  getSectionBySlug,
  type Store,
} from "../src/store/index.js";
import { apiSession, EDITOR, PASSWORD, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { E2E_DATABASES, type SeedUser } from "./helpers/server.js";

// Issue 14, the working day: an invited editor follows the invitation link, fills in their byline
// and saves a first draft at once; an editor moves 50 drafts to review in one bulk action from
// the article list, and sees the one article the move does not apply to listed as refused.

const OWNER: SeedUser = {
  email: "owner@example.org",
  name: "Olive Owner",
  role: "owner",
  password: PASSWORD,
};
const NEWCOMER = { email: "nadia@example.org", name: "Nadia Okafor" };
const BULK_PREFIX = "Bulk test";
const DRAFTS = 50;

/** 50 drafts and one published article, all by the editor, all found by BULK_PREFIX. */
async function seedBulk(store: Store): Promise<void> {
  const section = await getSectionBySlug(store, "resist-hate");
  const author = await getPersonBySlug(store, "serena-zehlius");
  if (!section || !author) throw new Error("seedBulk needs the demo publication");
  const article = (n: number, published: boolean) => ({
    slug: `e2e-bulk-${n}`,
    headline: `${BULK_PREFIX} ${published ? "published" : "draft"} ${String(n).padStart(2, "0")}`,
    dek: "Seeded by the bulk actions browser test.",
    type: "news" as const,
    sectionId: section.id,
    authorIds: [author.id],
    body: [{ type: "paragraph" as const, content: [{ text: "A short story." }] }],
    ...(published
      ? { status: "published" as const, publishedAt: new Date(Date.now() - 60_000).toISOString() }
      : {}),
  });
  for (let n = 1; n <= DRAFTS; n += 1) await createArticle(store, article(n, false));
  await createArticle(store, article(DRAFTS + 1, true));
}

describe.each(E2E_DATABASES)("onboarding and bulk actions (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [OWNER, EDITOR], database, seed: seedBulk });
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  const api = async <T = Record<string, unknown>>(
    who: SeedUser | (typeof NEWCOMER & { password: string }),
    method: string,
    url: string,
    body?: object,
  ) => {
    const { headers } = await apiSession(env.site.url, who);
    const res = await fetch(`${env.site.url}/api/admin/v1${url}`, {
      method,
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as T };
  };

  it(
    "an invited editor signs in through the link, fills in their byline and saves a first draft at once",
    E2E_TIMEOUT,
    async () => {
      const invited = await api<{ url: string }>(OWNER, "POST", "/invitations", {
        email: NEWCOMER.email,
        role: "editor",
        name: NEWCOMER.name,
      });
      expect(invited.status).toBe(201);
      const token = new URL(invited.json.url).searchParams.get("token");
      await page.goto(`${env.site.url}/admin/accept?token=${token}`);
      await page.getByLabel("Your name").fill(NEWCOMER.name);
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create my account" }).click();

      const dialog = page.getByRole("dialog", { name: "Welcome: your byline" });
      await dialog.getByText(`Your articles are signed ${NEWCOMER.name}.`).waitFor();
      await dialog.getByLabel("Role title").fill("Health reporter");
      await dialog.getByLabel("Bio").fill("Nadia covers hospitals and public health.");
      await screenshot(page, "onboarding-byline", { whole: false });
      await dialog.getByRole("button", { name: "Save byline" }).click();
      await dialog.waitFor({ state: "detached" });

      await page.getByRole("link", { name: "New article" }).click();
      await page.getByLabel("Headline", { exact: true }).fill("The clinic opens on Monday");
      await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
      await page.getByRole("textbox", { name: "Article body" }).click();
      await page.keyboard.insertText("The new clinic opens its doors on Monday morning.");
      await page.getByText(/^Saved at/).waitFor();
      await page.locator(".author-list").getByText(NEWCOMER.name).waitFor();

      const byline = await api<{ id: string }>(
        { ...NEWCOMER, password: PASSWORD },
        "GET",
        "/me/byline",
      );
      expect(byline.json).toMatchObject({
        name: NEWCOMER.name,
        roleTitle: "Health reporter",
        bio: "Nadia covers hospitals and public health.",
      });
      const mine = await api<{ items: { headline: string }[] }>(
        { ...NEWCOMER, password: PASSWORD },
        "GET",
        `/articles?authorId=${byline.json.id}`,
      );
      expect(mine.json.items.map((a: { headline: string }) => a.headline)).toEqual([
        "The clinic opens on Monday",
      ]);
    },
  );

  it(
    "an editor sends 50 drafts to review in one bulk action; the published one is listed as refused",
    E2E_TIMEOUT,
    async () => {
      await page.context().clearCookies();
      await signIn(page, env.site.url, EDITOR);
      await page.getByLabel("Per page").selectOption("100");
      await page.getByLabel("Search headlines").fill(BULK_PREFIX);
      await page.getByText(`${DRAFTS + 1} articles`, { exact: true }).waitFor();
      await page.getByLabel("Select every article on this page").check();
      const bar = page.getByRole("region", { name: "Bulk actions" });
      await bar.getByText(`${DRAFTS + 1} selected`).waitFor();
      await bar.getByLabel("Bulk action").selectOption({ label: "Change status" });
      await bar.getByLabel("New status").selectOption({ label: "In review" });
      await bar.getByRole("button", { name: "Apply" }).click();

      const summary = page.getByText(`Bulk action: ${DRAFTS} done, 1 refused`);
      await summary.waitFor();
      await page
        .getByRole("listitem")
        .filter({ hasText: `${BULK_PREFIX} published ${DRAFTS + 1}` })
        .waitFor();
      // The selection that stays (the refused article), the bar and the summary are accessible.
      await page.getByRole("region", { name: "Bulk actions" }).getByText("1 selected").waitFor();
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await screenshot(page, "bulk-status");

      const listed = await api<{ items: { status: string }[] }>(
        EDITOR,
        "GET",
        `/articles?q=${encodeURIComponent(BULK_PREFIX)}&limit=100`,
      );
      const statuses = listed.json.items.map((a: { status: string }) => a.status);
      expect(statuses.filter((s: string) => s === "in_review")).toHaveLength(DRAFTS);
      expect(statuses.filter((s: string) => s === "published")).toHaveLength(1);
    },
  );
});
