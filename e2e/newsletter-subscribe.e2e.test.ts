import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNewsletter } from "../src/store/index.js";
import { type SmtpSink, startSmtpSink, waitForMail } from "../test/helpers/smtp-sink.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { E2E_DATABASES, REFERENCE_PATH } from "./helpers/server.js";

// A reader subscribes from the form under an article, confirms from the message a real SMTP
// server received, changes her preferences and unsubscribes: double opt-in end to end.

describe.each(E2E_DATABASES)("a reader's subscription (%s)", E2E_TIMEOUT, (database) => {
  let sink: SmtpSink | undefined;
  // Registered before the site's hook: the sink must listen before the site is given its address.
  beforeAll(async () => {
    sink = await startSmtpSink();
  }, 10_000);

  const env = useSiteAndBrowser({
    database,
    env: () => ({
      MASTHEAD_SMTP_URL: (sink as SmtpSink).url,
      MASTHEAD_MAIL_FROM: "The Paper <letters@paper.test>",
    }),
    async seed(store) {
      await createNewsletter(store, { slug: "morning", name: "Morning Briefing", position: 0 });
      await createNewsletter(store, { slug: "weekend", name: "Weekend Reads", position: 1 });
    },
  });

  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
  });
  afterAll(async () => {
    await page?.context().close();
    await sink?.close();
  });
  const expectAccessible = async () => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  };

  it("subscribes under an article, confirms from the message, changes preferences, unsubscribes", async () => {
    const email = `reader-${database}@example.org`;
    await page.goto(env.site.url + REFERENCE_PATH);
    const box = page.getByRole("complementary", { name: "Get our newsletter" });
    await box.waitFor();
    await expectAccessible();
    await box.getByRole("textbox", { name: "Your email address" }).fill(email);
    await box.getByRole("button", { name: "Subscribe" }).click();
    await page.getByRole("heading", { level: 1, name: "Check your inbox" }).waitFor();
    await expectAccessible();

    const mail = await waitForMail(sink as SmtpSink, (m) => m.envelope.to.includes(email));
    expect(mail.subject).toContain("Confirm your subscription");
    const link = mail.text?.match(/http:\/\/127\.0\.0\.1:\d+\/newsletter\/confirm\?\S+/)?.[0];
    expect(link).toBeDefined();

    await page.goto(link as string);
    await page.getByRole("heading", { level: 1, name: "Confirm your subscription" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Morning Briefing" }).isChecked()).toBe(true);
    await expectAccessible();
    await page.getByRole("checkbox", { name: "Weekend Reads" }).check();
    await page.getByRole("button", { name: "Confirm my subscription" }).click();
    await page.getByRole("heading", { level: 1, name: "You are subscribed" }).waitFor();

    await page.getByRole("link", { name: "Manage your subscription" }).click();
    await page.getByRole("heading", { level: 1, name: "Your newsletter preferences" }).waitFor();
    await expectAccessible();
    expect(await page.getByRole("checkbox", { name: "Weekend Reads" }).isChecked()).toBe(true);
    await page.getByRole("textbox", { name: /Your name/ }).fill("Ana Reader");
    await page.getByRole("checkbox", { name: "Morning Briefing" }).uncheck();
    await page.getByRole("button", { name: "Save my preferences" }).click();
    await page.getByText("Your preferences are saved").waitFor();
    expect(await page.getByRole("checkbox", { name: "Morning Briefing" }).isChecked()).toBe(false);
    expect(await page.getByRole("textbox", { name: /Your name/ }).inputValue()).toBe("Ana Reader");

    await page.getByRole("button", { name: "Unsubscribe from all newsletters" }).click();
    await page.getByRole("heading", { level: 1, name: "You are unsubscribed" }).waitFor();
    // One message only: the confirmation (no edition was sent).
    expect((sink as SmtpSink).to(email)).toHaveLength(1);
  });
});
