import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, screenshot } from "./helpers/admin.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";

// A fresh publication has no account: the first visitor of /admin sets up the owner, who can
// then sign out and in, invite a colleague, and end every session at once.

const OWNER = { name: "Olivia Owner", email: "olivia@example.org", password: PASSWORD };
const INVITED = {
  name: "Arthur Author",
  email: "arthur@example.org",
  password: "another long passphrase",
};

const env = useSiteAndBrowser();

describe("accounts in the admin app", E2E_TIMEOUT, () => {
  let page: Page;
  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(async () => {
    await page?.close();
  });

  const sidebar = () => page.locator(".sidebar");

  it("sends the first visitor to setup, which creates the owner and signs them in", async () => {
    await page.goto(`${env.site.url}/admin`);
    await page.getByRole("heading", { name: "Set up Masthead" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/setup");
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Repeat the password").fill("something else entirely");
    await screenshot(page, "setup");
    await page.getByRole("button", { name: "Create owner account" }).click();
    expect(await visibleText(page.getByRole("alert"))).toMatch(/passwords differ/);

    await page.getByLabel("Repeat the password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create owner account" }).click();
    await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor();
    expect(await visibleText(sidebar())).toMatch(/Olivia Owner\s*Owner/);
    for (const item of [
      "Articles",
      "Media",
      "People",
      "Sections",
      "Trackers",
      "Comments",
      "Users",
      "Settings",
    ])
      expect(await sidebar().getByRole("link", { name: item, exact: true }).count()).toBe(1);
  });

  it("closes setup once the owner exists", async () => {
    const stranger = await env.browser.newContext();
    try {
      const visit = await stranger.newPage();
      await visit.goto(`${env.site.url}/admin/setup`);
      await visit.getByRole("heading", { name: "Already set up" }).waitFor();
      expect(await visit.getByLabel("Email").count()).toBe(0);
    } finally {
      await stranger.close();
    }
  });

  it("signs out, refuses a wrong password, and signs in again", async () => {
    await sidebar().getByRole("button", { name: "Sign out", exact: true }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.getByText("You have signed out.").count()).toBe(1);
    await screenshot(page, "signin", { whole: false });

    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await visibleText(page.getByRole("alert"))).toMatch(/do not match an account/);

    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Articles" }).waitFor();
  });

  it("lets the owner invite an author, who joins with the link", async () => {
    await sidebar().getByRole("link", { name: "Users" }).click();
    await page.getByRole("button", { name: "Invite someone" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite someone" });
    // This site has no SMTP server: the dialog says the link is to be passed on by hand.
    await dialog.getByText("This site sends no email (no MASTHEAD_SMTP_URL)").waitFor();
    await dialog.getByLabel("Email").fill(INVITED.email);
    await dialog.getByLabel(/^Author/).check();
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    const link = await dialog.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/\/admin\/accept\?token=/);
    await screenshot(page, "invitation", { whole: false });
    await dialog.getByRole("button", { name: "Done" }).click();

    const invitee = await env.browser.newPage();
    try {
      await invitee.goto(link);
      await invitee.getByRole("heading", { name: "Join the newsroom" }).waitFor();
      await invitee.getByLabel("Your name").fill(INVITED.name);
      await invitee.getByLabel("New password").fill(INVITED.password);
      await invitee.getByLabel("Repeat the password").fill(INVITED.password);
      await invitee.getByRole("button", { name: "Create my account" }).click();
      // A newcomer is asked for the role title and bio of their byline; this one leaves it.
      const byline = invitee.getByRole("dialog", { name: "Welcome: your byline" });
      await byline.getByText(`Your articles are signed ${INVITED.name}.`).waitFor();
      await byline.getByRole("button", { name: "Later" }).click();
      await byline.waitFor({ state: "detached" });
      await invitee.getByRole("heading", { level: 1, name: "Articles" }).waitFor();
      const nav = await visibleText(invitee.locator(".sidebar"));
      expect(nav).toMatch(/Arthur Author\s*Author/);
      expect(nav).not.toMatch(/Users|Settings/);
    } finally {
      await invitee.close();
    }
    await page.reload();
    await page.getByRole("row").filter({ hasText: INVITED.email }).waitFor();
    await screenshot(page, "users");
  });

  it("signing out everywhere ends the other sessions; their screen asks to sign in again", async () => {
    const other = await env.browser.newContext();
    const elsewhere = await other.newPage();
    try {
      await elsewhere.goto(`${env.site.url}/admin`);
      await elsewhere.getByLabel("Email").fill(OWNER.email);
      await elsewhere.getByLabel("Password").fill(OWNER.password);
      await elsewhere.getByRole("button", { name: "Sign in" }).click();
      await elsewhere.getByRole("heading", { level: 1, name: "Articles" }).waitFor();

      await sidebar().getByRole("button", { name: "Sign out everywhere" }).click();
      await page.getByRole("heading", { name: "Sign in" }).waitFor();

      // A request that finds the session gone (one may already have: then the dialog is up).
      await elsewhere
        .locator(".sidebar")
        .getByRole("link", { name: "Media" })
        .dispatchEvent("click");
      const again = elsewhere.getByRole("dialog", { name: "Sign in again" });
      await again.waitFor();
      expect(await visibleText(again)).toMatch(/session has ended/);
    } finally {
      await other.close();
    }
  });
});
