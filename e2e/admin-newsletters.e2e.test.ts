import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsletter } from "../src/store/index.js";
import { type SmtpSink, startSmtpSink, waitForMail } from "../test/helpers/smtp-sink.js";
import { EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { E2E_DATABASES, REFERENCE_HEADLINE, REFERENCE_SLUG } from "./helpers/server.js";

// An editor's newsletter day: she opens Newsletters, creates one, then sends the reference
// article as newsletter from its editor bar, after looking at it at phone width; the reader
// subscribed to it gets it from a real SMTP server, and its web copy is on the site.

const READER = "reader@example.org";

describe.each(E2E_DATABASES)("newsletters in the admin app (%s)", E2E_TIMEOUT, (database) => {
  let sink: SmtpSink | undefined;
  // Registered before the site's hook: the sink must listen before the site is given its address.
  beforeAll(async () => {
    sink = await startSmtpSink();
  }, 10_000);

  const env = useSiteAndBrowser({
    users: [EDITOR],
    database,
    env: () => ({
      MASTHEAD_SMTP_URL: (sink as SmtpSink).url,
      MASTHEAD_MAIL_FROM: "The Paper <letters@paper.test>",
    }),
    async seed(store) {
      const newsletter = await createNewsletter(store, {
        slug: "morning-briefing",
        name: "Morning Briefing",
      });
      const id = randomUUID();
      const now = new Date().toISOString();
      await store.db
        .insertInto("subscribers")
        .values({
          id,
          email: READER,
          name: "A Reader",
          status: "confirmed",
          secret: randomUUID(),
          created_at: now,
          confirmed_at: now,
          unsubscribed_at: null,
          confirm_sent_at: null,
          updated_at: now,
        })
        .execute();
      await store.db
        .insertInto("subscriptions")
        .values({ subscriber_id: id, newsletter_id: newsletter.id, created_at: now })
        .execute();
    },
  });

  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
    await sink?.close();
  });
  const expectAccessible = async () => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  it("creates a newsletter, previews an article at phone width and sends it", async () => {
    await page.getByRole("link", { name: "Newsletters" }).click();
    await page.getByRole("heading", { level: 1, name: "Newsletters" }).waitFor();
    await page.getByText("No opens or clicks are counted").waitFor();

    await page.getByRole("button", { name: "New newsletter" }).click();
    await page.getByLabel("Name").fill("Weekend Reads");
    // The address follows the name until typed, as a section's does.
    expect(await page.getByLabel("Address").inputValue()).toBe("weekend-reads");
    await page.getByRole("button", { name: "Create newsletter" }).click();
    await page.getByRole("row").filter({ hasText: "Weekend Reads" }).waitFor();
    await expectAccessible();

    // From a published article's editor bar.
    await page.getByRole("link", { name: "Articles" }).click();
    await page.getByRole("link", { name: REFERENCE_HEADLINE }).click();
    await page.getByRole("link", { name: "Send as newsletter" }).click();
    await page.getByRole("heading", { level: 1, name: "Newsletters" }).waitFor();
    await page.getByRole("button", { name: "Editions of Morning Briefing" }).click();
    const compose = page.getByRole("form", { name: "Send an article as Morning Briefing" });
    // The article the link named is chosen once the list of published articles is in.
    await compose.getByRole("option", { name: REFERENCE_HEADLINE }).waitFor({ state: "attached" });
    expect(await compose.getByLabel("Published article").inputValue()).not.toBe("");
    await compose.getByLabel("Intro").fill("Good morning: today's long read.");
    await compose.getByRole("button", { name: "Make a draft edition" }).click();

    const preview = page.locator("iframe.email-preview");
    await preview.waitFor();
    expect(await preview.getAttribute("width")).toBe("375");
    expect(await preview.getAttribute("sandbox")).toBe("");
    const frame = page.frameLocator("iframe.email-preview");
    await frame.getByText("Good morning: today's long read.").waitFor();
    expect(await frame.locator("body").textContent()).toContain(REFERENCE_HEADLINE);
    await screenshot(page, "newsletter-preview-phone");
    await page.getByLabel("Desktop (700 px)").check();
    await page.waitForFunction(
      () => document.querySelector("iframe.email-preview")?.getAttribute("width") === "700",
    );
    await expectAccessible();

    await page.getByRole("button", { name: "Send a test to me" }).click();
    await page.getByText(`Test queued to ${EDITOR.email}.`).waitFor();
    const test = await waitForMail(sink as SmtpSink, (m) => m.envelope.to.includes(EDITOR.email));
    expect(test.subject).toBe(`[Test] ${REFERENCE_HEADLINE}`);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Send to subscribers" }).click();
    await page.getByText("Queued for 1 subscriber.").waitFor();
    const mail = await waitForMail(sink as SmtpSink, (m) => m.envelope.to.includes(READER));
    expect(mail.subject).toBe(REFERENCE_HEADLINE);
    expect(mail.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    // The open edition follows the sender without a reload: sent, with its figures.
    await page
      .getByRole("region", { name: REFERENCE_HEADLINE })
      .getByText("1 recipient · 1 sent · 0 waiting")
      .waitFor({ timeout: 15_000 });

    const copy = await fetch(`${env.site.url}/newsletter/morning-briefing/${REFERENCE_SLUG}`);
    expect(copy.status).toBe(200);
    expect(await copy.text()).toContain("Good morning: today");
  });
});
