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
import { visibleText } from "./helpers/page.js";
import { E2E_DATABASES, type SeedUser } from "./helpers/server.js";

// Issue 14, the working day: a fresh publication's first owner sets it up in the browser, adds
// themselves as the author of a first draft and saves it; an invited editor follows the
// invitation link, fills in their byline and saves a first draft at once; an account the owner
// made with a set-password link is asked its byline on its first sign-in; an editor moves 50
// drafts to review in one bulk action from the article list, and sees the one article the move
// does not apply to listed as refused. No account exists at the start: setup makes the owner, and
// the owner makes the rest.

const OWNER: SeedUser = {
  email: "owner@example.org",
  name: "Olive Owner",
  role: "owner",
  password: PASSWORD,
};
const NEWCOMER = { email: "nadia@example.org", name: "Nadia Okafor" };
const MADE = { email: "sam@example.org", name: "Sam Stringer" };
const BULK_PREFIX = "Bulk test";
const DRAFTS = 50;

/**
 * 50 drafts and one published article, all by the editor, all found by BULK_PREFIX; answers the
 * editor's person id.
 */
async function seedBulk(store: Store): Promise<string> {
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
  return author.id;
}

describe.each(E2E_DATABASES)("onboarding and bulk actions (%s)", (database) => {
  let editorPersonId = "";
  const env = useSiteAndBrowser({
    database,
    seed: async (store) => {
      editorPersonId = await seedBulk(store);
    },
  });
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  const api = async <T = Record<string, unknown>>(
    who: Pick<SeedUser, "email" | "password">,
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
    "the first owner sets the publication up, adds themselves as author and saves a first draft",
    E2E_TIMEOUT,
    async () => {
      await page.goto(`${env.site.url}/admin`);
      await page.getByRole("heading", { name: "Set up Masthead" }).waitFor();
      await page.getByLabel("Your name").fill(OWNER.name);
      await page.getByLabel("Email").fill(OWNER.email);
      await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
      await page.getByLabel("Repeat the password").fill(OWNER.password);
      await page.getByRole("button", { name: "Create owner account" }).click();
      await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor();

      // A new article starts with the writer's own byline, which setup made: taken off, it is
      // offered back with "Add me as an author".
      await page.getByRole("link", { name: "New article" }).click();
      const authors = page.getByRole("group", { name: "Authors" });
      await authors.locator(".author-list").getByText(OWNER.name).waitFor();
      await authors.getByRole("button", { name: `Remove ${OWNER.name} from the authors` }).click();
      expect(await visibleText(authors)).toMatch(/No author yet/);
      await authors.getByRole("button", { name: "Add me as an author" }).click();
      await authors.locator(".author-list").getByText(OWNER.name).waitFor();
      expect(await authors.getByRole("button", { name: "Add me as an author" }).count()).toBe(0);
      await page.getByLabel("Headline", { exact: true }).fill("Our first edition");
      await page.getByRole("textbox", { name: "Article body" }).click();
      await page.keyboard.insertText("The newsroom opens its doors.");
      await page.getByText(/^Saved at/).waitFor();
      await screenshot(page, "first-owner-draft", { whole: false });

      const byline = await api<{ id: string; name: string }>(OWNER, "GET", "/me/byline");
      expect(byline.json).toMatchObject({ name: OWNER.name, roleTitle: "", bio: "" });
      const mine = await api<{ items: { headline: string; authorIds: string[] }[] }>(
        OWNER,
        "GET",
        `/articles?authorId=${byline.json.id}`,
      );
      expect(mine.json.items).toMatchObject([
        { headline: "Our first edition", authorIds: [byline.json.id] },
      ]);
    },
  );

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
      await page.context().clearCookies();
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
    "an account the owner made with a set-password link is asked its byline on its first sign-in",
    E2E_TIMEOUT,
    async () => {
      const made = await api<{ setPasswordLink: { url: string } }>(OWNER, "POST", "/users", {
        ...MADE,
        role: "author",
      });
      expect(made.status).toBe(201);
      await page.context().clearCookies();
      await page.goto(made.json.setPasswordLink.url);
      await page.getByLabel("New password").fill(PASSWORD);
      await page.getByLabel("Repeat the password").fill(PASSWORD);
      await page.getByRole("button", { name: "Save new password" }).click();

      const dialog = page.getByRole("dialog", { name: "Welcome: your byline" });
      await dialog.getByLabel("Role title").fill("Stringer");
      await dialog.getByLabel("Bio").fill("Sam files from the county courts.");
      await dialog.getByRole("button", { name: "Save byline" }).click();
      await dialog.waitFor({ state: "detached" });
      // Answering made the account's byline: a new article starts with it at once.
      await page.getByRole("link", { name: "New article" }).click();
      await page
        .getByRole("group", { name: "Authors" })
        .locator(".author-list")
        .getByText(MADE.name)
        .waitFor();

      const byline = await api({ ...MADE, password: PASSWORD }, "GET", "/me/byline");
      expect(byline.json).toMatchObject({
        name: MADE.name,
        roleTitle: "Stringer",
        bio: "Sam files from the county courts.",
      });
    },
  );

  it(
    "an editor sends 50 drafts to review in one bulk action; the published one is listed as refused",
    E2E_TIMEOUT,
    async () => {
      const { personSlug: _slug, ...editor } = EDITOR;
      const created = await api(OWNER, "POST", "/users", { ...editor, personId: editorPersonId });
      expect(created.status).toBe(201);
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
