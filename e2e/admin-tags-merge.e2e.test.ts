import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createArticle,
  createTag,
  getPersonBySlug,
  getSectionBySlug,
  type Store,
} from "../src/store/index.js";
import { EDITOR, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { E2E_DATABASES } from "./helpers/server.js";

// Issue 14, housekeeping: an editor merges two tags from the Tags screen; both tags' articles
// are then on the kept tag's page and the merged tag's address redirects there.

const FROM = { slug: "harbour-works", name: "Harbour works" };
const INTO = { slug: "port-expansion", name: "Port expansion" };
const HEADLINES = ["Browser test: dredging starts", "Browser test: the new quay opens"];

/** Two published articles, one under each tag. */
async function seedTags(store: Store): Promise<void> {
  const section = await getSectionBySlug(store, "resist-hate");
  const author = await getPersonBySlug(store, "serena-zehlius");
  if (!section || !author) throw new Error("seedTags needs the demo publication");
  const tags = [await createTag(store, FROM), await createTag(store, INTO)];
  for (const [i, tag] of tags.entries())
    await createArticle(store, {
      slug: `e2e-tag-merge-${i}`,
      headline: HEADLINES[i] as string,
      dek: "Seeded by the tag merge browser test.",
      type: "news",
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
      status: "published",
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      body: [{ type: "paragraph", content: [{ text: "The harbour is changing." }] }],
    });
}

describe.each(E2E_DATABASES)("merging tags (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [EDITOR], database, seed: seedTags });
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  /** What the site answers a link with, without following it. */
  const answer = async (path: string) => {
    const res = await fetch(`${env.site.url}${path}`, { redirect: "manual" });
    return { status: res.status, location: res.headers.get("location"), text: await res.text() };
  };

  it(
    "moves the merged tag's articles to the kept one and redirects its old address",
    E2E_TIMEOUT,
    async () => {
      // The kept tag's page is cached before the merge: the merge must drop it.
      expect((await answer(`/tags/${INTO.slug}`)).text).not.toContain(HEADLINES[0]);

      await page.getByRole("link", { name: "Tags" }).click();
      await page.getByRole("heading", { level: 1, name: "Tags" }).waitFor();
      const row = page.getByRole("row").filter({ hasText: FROM.name });
      await row.getByRole("cell", { name: "1", exact: true }).waitFor();
      await row.getByRole("button", { name: `Merge ${FROM.name}` }).click();

      const dialog = page.getByRole("dialog", { name: `Merge ${FROM.name} into…` });
      await dialog.getByText("1 article uses this tag.").waitFor();
      await dialog.getByLabel("Merge into").selectOption({ label: INTO.name });
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await dialog.getByRole("button", { name: "Merge", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await row.waitFor({ state: "detached" });
      const kept = page.getByRole("row").filter({ hasText: INTO.name });
      await kept.getByRole("cell", { name: "2", exact: true }).waitFor();

      const old = await answer(`/tags/${FROM.slug}`);
      expect({ status: old.status, location: old.location }).toEqual({
        status: 301,
        location: `/tags/${INTO.slug}`,
      });
      const into = await answer(`/tags/${INTO.slug}`);
      expect(into.status).toBe(200);
      for (const headline of HEADLINES) expect(into.text).toContain(headline);
    },
  );
});
