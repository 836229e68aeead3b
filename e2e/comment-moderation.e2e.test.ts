import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { EDITOR, screenshot, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { REFERENCE_PATH } from "./helpers/server.js";

const env = useSiteAndBrowser({ users: [EDITOR] });
const pages: Page[] = [];
afterAll(async () => {
  await Promise.all(pages.map((p) => p.context().close()));
});

async function freshPage(): Promise<Page> {
  // The admin app's CSP forbids inline scripts, which is how axe is injected: bypassed for that.
  const context = await env.browser.newContext({ bypassCSP: true });
  await context.route(
    (url) => url.origin !== env.site.origin,
    (route) => route.abort(),
  );
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/**
 * Waits until the form's signed stamp is old enough to post with: the server refuses forms sent
 * faster than a person could write (see docs/COMMENTS.md), and a test types in milliseconds.
 */
async function waitUntilPostable(page: Page): Promise<void> {
  const stamp = await page.locator('#comment-form input[name="stamp"]').getAttribute("value");
  const issued = Number(stamp?.split(".")[0]);
  await page.waitForTimeout(Math.max(0, issued + 3_100 - Date.now()));
}

describe("comment moderation", E2E_TIMEOUT, () => {
  it("a reader's comment waits for moderation, an editor approves it, and readers see it", async () => {
    const reader = await freshPage();
    await reader.goto(env.site.url + REFERENCE_PATH);
    const body = `Held for an editor, written at ${Date.now()}.`;
    const form = reader.locator("#comment-form");
    await form.getByRole("textbox", { name: /^Name$/ }).fill("Moderated Reader");
    await form.getByRole("textbox", { name: /^Email\b/ }).fill("moderated@example.org");
    await form.getByRole("textbox", { name: /^Comment$/ }).fill(body);
    await waitUntilPostable(reader);
    await form.getByRole("button", { name: "Post comment" }).click();
    await reader.waitForURL((url) => url.pathname === REFERENCE_PATH && url.search !== "");
    const mine = reader.locator("#comments li").filter({ hasText: body });
    expect(await visibleText(mine)).toMatch(/Awaiting moderation/);

    // Anyone else (and the cached page) does not see it yet.
    const other = await freshPage();
    await other.goto(env.site.url + REFERENCE_PATH);
    expect(await other.locator("#comments").textContent()).not.toContain(body);

    const editor = await freshPage();
    await signIn(editor, env.site.url, EDITOR);
    await editor.getByRole("link", { name: "Comments" }).first().click();
    await editor.getByRole("heading", { level: 1, name: "Comments" }).waitFor();
    const pendingFilter = editor.getByRole("button", { name: /^Pending \(1\)$/ });
    expect(await pendingFilter.getAttribute("aria-pressed")).toBe("true");
    const card = editor.locator(".comment").filter({ hasText: body });
    await card.waitFor();
    expect(await visibleText(card)).toContain("moderated@example.org");
    const violations = await axeViolations(editor);
    expect(violations, describeViolations(violations)).toEqual([]);
    await screenshot(editor, "comments-queue");

    // Keyboard only: focus the Approve button and press Enter.
    await card.getByRole("button", { name: "Approve: Moderated Reader's comment" }).focus();
    await editor.keyboard.press("Enter");
    await editor.getByRole("button", { name: /^Pending \(0\)$/ }).waitFor();
    await editor.getByRole("button", { name: /^Approved \(1\)$/ }).click();
    await editor.locator(".comment").filter({ hasText: body }).waitFor();

    await other.goto(env.site.url + REFERENCE_PATH);
    const shown = other.locator("#comments li").filter({ hasText: body });
    expect(await visibleText(shown)).toMatch(/Moderated Reader/);
    expect(await visibleText(shown)).not.toMatch(/Awaiting moderation/);
    expect(await visibleText(other.locator("#comments-heading"))).toBe("Comments (1)");
    expect(await other.content()).not.toContain("moderated@example.org");

    // The reader's browser kept the commenter cookie its first comment set (a functional cookie
    // the form announces; scripts cannot read it), and the approval trusted it: the second
    // comment appears at once, for everyone.
    const [cookie] = (await reader.context().cookies()).filter((c) => c.name === "mh_commenter");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/articles" });
    await reader.goto(env.site.url + REFERENCE_PATH);
    expect(await visibleText(reader.locator("#comment-form"))).toContain(
      "Commenting sets a cookie that lets your later comments through once one is approved.",
    );
    const second = `Published at once, written at ${Date.now()}.`;
    await form.getByRole("textbox", { name: /^Name$/ }).fill("Moderated Reader");
    await form.getByRole("textbox", { name: /^Comment$/ }).fill(second);
    await waitUntilPostable(reader);
    await form.getByRole("button", { name: "Post comment" }).click();
    // Published: back to the article at the comment itself, with no ?pending= of a held one.
    await reader.waitForURL(
      (url) =>
        url.pathname === REFERENCE_PATH &&
        url.search === "" &&
        /^#comment-[0-9a-f]{8}-/.test(url.hash),
    );
    const published = reader.locator("#comments li").filter({ hasText: second });
    expect(await visibleText(published)).not.toMatch(/Awaiting moderation/);
    await other.goto(env.site.url + REFERENCE_PATH);
    expect(await visibleText(other.locator("#comments-heading"))).toBe("Comments (2)");
    expect(await other.locator("#comments").textContent()).toContain(second);
  });
});
