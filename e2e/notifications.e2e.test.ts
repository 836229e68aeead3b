import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink, waitForMail } from "../test/helpers/smtp-sink.js";
import { EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { REFERENCE_PATH } from "./helpers/server.js";

// Issue 15: an editor chooses which staff emails she gets, and a reader confirms her address
// from the message a real SMTP server received, after which her comments go straight up.

describe("email notifications and commenter verification", E2E_TIMEOUT, () => {
  let sink: SmtpSink | undefined;
  // Registered before the site's hook: the sink must listen before the site is given its address.
  beforeAll(async () => {
    sink = await startSmtpSink();
  }, 10_000);
  const env = useSiteAndBrowser({
    users: [EDITOR],
    env: () => ({
      MASTHEAD_SMTP_URL: (sink as SmtpSink).url,
      MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
    }),
  });
  const pages: Page[] = [];
  afterAll(async () => {
    await Promise.all(pages.map((p) => p.context().close()));
    await sink?.close();
  });
  const freshPage = async () => {
    // axe is injected as an inline script, which the admin app's CSP forbids: bypassed for that.
    const context = await env.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    pages.push(page);
    return page;
  };

  it("an editor switches off review requests in Email notifications, and it stays off", async () => {
    const page = await freshPage();
    await signIn(page, env.site.url, EDITOR);
    await page.getByRole("button", { name: "Email notifications" }).click();
    const dialog = page.getByRole("dialog", { name: "Email notifications" });
    const review = dialog.getByRole("checkbox", { name: "An article is submitted for review" });
    await review.waitFor();
    expect(await dialog.getByRole("checkbox").count()).toBe(4);
    expect(await review.isChecked()).toBe(true);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(page, "email-notifications", { whole: false });
    await review.uncheck();
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.reload();
    await page.getByRole("button", { name: "Email notifications" }).click();
    const again = page
      .getByRole("dialog", { name: "Email notifications" })
      .getByRole("checkbox", { name: "An article is submitted for review" });
    await again.waitFor();
    expect(await again.isChecked()).toBe(false);
  });

  it("a reader ticks 'confirm my email', confirms from the message, and her next comment is published", async () => {
    const reader = await freshPage();
    await reader.goto(env.site.url + REFERENCE_PATH);
    const form = reader.locator("#comment-form");
    const post = async (body: string, tick: boolean) => {
      await form.getByRole("textbox", { name: /^Name$/ }).fill("Vera Verified");
      await form.getByRole("textbox", { name: /^Email\b/ }).fill("vera@example.org");
      await form.getByRole("textbox", { name: /^Comment$/ }).fill(body);
      if (tick)
        await form.getByRole("checkbox", { name: /Confirm my email to be trusted/ }).check();
      const stamp = await reader.locator('#comment-form input[name="stamp"]').getAttribute("value");
      await reader.waitForTimeout(Math.max(0, Number(stamp?.split(".")[0]) + 3_100 - Date.now()));
      await form.getByRole("button", { name: "Post comment" }).click();
    };
    await post(`Held first, at ${Date.now()}.`, true);
    await reader.waitForURL((url) => url.searchParams.get("confirm") === "sent");
    expect(
      await visibleText(reader.getByRole("status").filter({ hasText: "We sent you" })),
    ).toMatch(/open its link/);

    const mail = await waitForMail(sink as SmtpSink, (m) =>
      m.envelope.to.includes("vera@example.org"),
    );
    const link = mail.text?.match(/https?:\/\/\S+\/comments\/confirm-email\?t=\S+/)?.[0] as string;
    // Another browser (the reader's phone) opens the link and presses the button.
    const phone = await freshPage();
    await phone.goto(env.site.url + new URL(link).pathname + new URL(link).search);
    await phone.getByRole("button", { name: "Confirm my email address" }).click();
    await phone.getByRole("heading", { name: "Email address confirmed" }).waitFor();

    const body = `Straight up, at ${Date.now()}.`;
    await reader.goto(env.site.url + REFERENCE_PATH);
    await post(body, false);
    await reader.waitForURL(
      (url) => url.pathname === REFERENCE_PATH && !url.search.includes("pending"),
    );
    const mine = reader.locator("#comments li").filter({ hasText: body });
    expect(await visibleText(mine)).not.toMatch(/Awaiting moderation/);
  });
});
