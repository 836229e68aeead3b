import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsletter } from "../src/store/index.js";
import { EDITOR, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { E2E_DATABASES } from "./helpers/server.js";

// An editor's subscriber list: she adds a reader who signed up on paper, checks a CSV import by
// its dry-run report before importing, finds an imported reader, reads their record of consent
// and deletes them on request. Sending is off here: the pending ones simply wait.

describe.each(E2E_DATABASES)("subscribers in the admin app (%s)", E2E_TIMEOUT, (database) => {
  const env = useSiteAndBrowser({
    users: [EDITOR],
    database,
    async seed(store) {
      await createNewsletter(store, { slug: "morning", name: "Morning Briefing" });
    },
  });

  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });
  const expectAccessible = async () => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  it("adds, imports after a dry run, searches, reads the consent record and deletes", async () => {
    await page.getByRole("link", { name: "Subscribers" }).click();
    await page.getByRole("heading", { level: 1, name: "Subscribers" }).waitFor();
    await page.getByText("No subscribers yet").waitFor();
    await expectAccessible();

    await page.getByRole("button", { name: "Add subscriber" }).click();
    const add = page.getByRole("dialog", { name: "Add a subscriber" });
    await add.getByLabel("Email address").fill("paper@example.org");
    await add.getByLabel("This person has already agreed").check();
    await add.getByLabel("How did they agree?").fill("Signed the sheet at the town fair");
    await add.getByRole("button", { name: "Add" }).click();
    await page.getByRole("row").filter({ hasText: "paper@example.org" }).waitFor();
    expect(
      await page.getByRole("row").filter({ hasText: "paper@example.org" }).textContent(),
    ).toContain("Confirmed");

    await page.getByRole("button", { name: "Import CSV" }).click();
    const dialog = page.getByRole("dialog", { name: "Import subscribers" });
    await dialog.getByLabel("CSV file").setInputFiles({
      name: "list.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "email,name,newsletters,consented_at\n" +
          "ann@example.org,Ann,morning,2026-03-01\n" +
          "bo@example.org,Bo,morning,\n" +
          "not-an-address,X,,\n" +
          "ANN@example.org,Ann again,,\n",
      ),
    });
    await dialog.getByRole("button", { name: "Check the file" }).click();
    await dialog.getByText("Add 1 confirmed and 1 pending subscribers").waitFor();
    await dialog.getByText(/Line 4: an email address needs an @/).waitFor();
    await dialog.getByText("1 repeated addresses").waitFor();
    await expectAccessible();
    // Nothing is written by the check.
    expect(await page.getByRole("row").filter({ hasText: "ann@example.org" }).count()).toBe(0);
    await dialog.getByRole("button", { name: "Import" }).click();
    await page.getByText("Imported: 2 added, 0 updated.").waitFor();
    await page.getByRole("row").filter({ hasText: "bo@example.org" }).waitFor();

    await page.getByLabel("Search subscribers").fill("ann@");
    await page
      .getByRole("row")
      .filter({ hasText: "bo@example.org" })
      .waitFor({ state: "detached" });
    await page.getByRole("button", { name: "ann@example.org" }).click();
    const detail = page.getByRole("dialog", { name: "ann@example.org" });
    await detail.getByText("Record of consent").waitFor();
    await detail.getByText(/Imported .* from a CSV import: Morning Briefing/).waitFor();
    await expectAccessible();

    page.once("dialog", (confirm) => void confirm.accept());
    await detail.getByRole("button", { name: "Delete" }).click();
    await page.getByText("Subscriber deleted.").waitFor();
    await page.getByText("No subscriber matches").waitFor();

    const exported = page.getByRole("link", { name: "Export CSV" });
    expect(await exported.getAttribute("href")).toBe("/api/admin/v1/subscribers/export");
  });
});
