import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../src/content/index.js";
import { apiSession, EDITOR, signIn } from "./helpers/admin.js";
import { axeViolations, describeViolations } from "./helpers/axe.js";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { E2E_DATABASES } from "./helpers/server.js";

// Issue 14: the table, pull quote, code and staff HTML blocks from insertion in the editor to the
// public page, the feed and the search index; a tracker created from inside the tracker block;
// and pasting from Word and Google Docs, which gives clean blocks, while a paste too big to save
// is refused with a message and changes nothing.

const API = "/api/admin/v1";

// What Word (Windows, Office 365) puts on the clipboard, cut down: Office namespaces, mso- styles,
// conditional comments, list paragraphs with drawn bullets, a table with paragraphs in its cells.
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<h1 style='mso-margin-top-alt:auto'><span style='font-family:"Calibri Light"'>Council budget<o:p></o:p></span></h1>
<p class=MsoNormal style='mso-line-height-rule:exactly'><span style='font-size:12.0pt;color:#222222'>The council <b style='mso-bidi-font-weight:normal'>cut</b> the <i>library</i> budget, says <a href="https://example.org/report">the report</a>.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Libraries<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Parks<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>First vote<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Second vote<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'><p class=MsoNormal><b>Service<o:p></o:p></b></p></td><td width=301 valign=top style='width:225.4pt'><p class=MsoNormal><b>Cut<o:p></o:p></b></p></td></tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'><td width=301 valign=top><p class=MsoNormal>Libraries<o:p></o:p></p></td><td width=301 valign=top><p class=MsoNormal>12%<o:p></o:p></p></td></tr>
</table>
<!--EndFragment--></body></html>`;

// What Google Docs puts on the clipboard: a false bold wrapper with the document's id, and
// bold and italic as styled spans.
const DOCS_HTML = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5c1e2a7f-7fff-1a2b-3c4d-5e6f7a8b9c0d"><h2 dir="ltr" style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;"><span style="font-size:16pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:400;font-style:normal;">Flood defences</span></h2><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;">The river rose </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;">two metres</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;"> by </span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;font-style:italic;">midnight</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:400;">.</span></p><br><ul style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span style="font-size:11pt;font-weight:400;">Sandbags</span></p></li><li dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr" role="presentation"><span style="font-size:11pt;font-weight:400;">Pumps</span></p></li></ul><br><div dir="ltr" style="margin-left:0pt;" align="left"><table style="border:none;border-collapse:collapse;"><colgroup><col width="300"><col width="300"></colgroup><tbody><tr style="height:0pt"><td style="border-left:solid #000000 1pt;padding:5pt;"><p dir="ltr"><span style="font-size:11pt;font-weight:400;">Town</span></p></td><td style="padding:5pt;"><p dir="ltr"><span style="font-size:11pt;font-weight:400;">Homes</span></p></td></tr><tr style="height:0pt"><td><p dir="ltr"><span style="font-weight:400;">Ely</span></p></td><td><p dir="ltr"><span style="font-weight:700;">40</span></p></td></tr></tbody></table></div></b>`;

const cell = (text: string, extra: Record<string, unknown> = {}) => [{ text, ...extra }];

describe.each(E2E_DATABASES)("table, pull quote, code and HTML blocks (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [EDITOR], database });
  let context: BrowserContext;
  let page: Page;
  let headers: Record<string, string>;

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    await signIn(page, env.site.url, EDITOR);
    headers = (await apiSession(env.site.url, EDITOR)).headers;
  });
  afterAll(async () => {
    await context?.close();
  });

  const body = () => page.getByRole("textbox", { name: "Article body" });
  const press = (key: string) => page.keyboard.press(key);
  const type = (text: string) => page.keyboard.insertText(text);
  const slash = async (command: string) => {
    await page.keyboard.type(`/${command}`);
    await page.getByRole("listbox", { name: "Insert block" }).waitFor();
    await press("Enter");
  };
  const continueAtEnd = async () => {
    await body().locator(":scope > p").last().click();
    await press("Control+End");
  };
  /** A new article with a headline and section, the caret in its body. */
  const newArticle = async (headline: string) => {
    await page.goto(`${env.site.url}/admin/articles/new`);
    await page.getByLabel("Headline", { exact: true }).fill(headline);
    await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
    await body().click();
  };
  /** The saved body of the article open in the editor, once it has an address. */
  const savedBody = async (): Promise<{ id: string; body: Block[] }> => {
    await page.waitForURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
    await page.getByText(/^Saved at/).waitFor({ timeout: 15_000 });
    const id = page.url().split("/").at(-1) as string;
    const res = await fetch(`${env.site.url}${API}/articles/${id}`, { headers });
    const json = (await res.json()) as { article: { body: Block[] } };
    return { id, body: json.article.body };
  };
  /** The saved body once it satisfies `check` (autosave runs after a pause in typing). */
  const savedWhen = async (check: (body: Block[]) => boolean) => {
    await expect.poll(async () => check((await savedBody()).body), { timeout: 20_000 }).toBe(true);
    return savedBody();
  };

  /** Publishes the article through the API (the publish dialog has its own tests). */
  const publish = async (id: string): Promise<{ slug: string }> => {
    const read = await fetch(`${env.site.url}${API}/articles/${id}`, { headers });
    const { version } = (await read.json()) as { version: number };
    const moved = await fetch(`${env.site.url}${API}/articles/${id}/transitions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ to: "published", version }),
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    return ((await moved.json()) as { article: { slug: string } }).article;
  };

  it("inserts each block in the editor and shows it on the public page, in the feed and in search", {
    timeout: 120_000,
  }, async () => {
    await newArticle("Budget blocks");
    await type("The figures were published on Monday.");
    await press("Enter");

    await slash("table");
    const table = body().locator('[data-block="table"]').last();
    await table.waitFor();
    // Three columns to start with: Tab moves cell by cell, row after row.
    for (const [i, word] of ["Party", "Seats", "", "Greens", "12"].entries()) {
      if (i > 0) await press("Tab");
      if (word) await type(word);
    }
    await table.getByLabel(/^Caption/).fill("Seats won");
    // Two columns: the third goes.
    await table.locator("td").nth(2).click();
    await table.getByRole("button", { name: "Remove column" }).click();
    // And the empty third row.
    await table.locator("tr").nth(2).locator("td").first().click();
    await table.getByRole("button", { name: "Remove row" }).click();

    await continueAtEnd();
    await slash("pull");
    await type("Nobody told the residents.");
    await press("Enter");

    await slash("code");
    await type("SELECT party, seats\n  FROM results; -- <b>kept</b>");
    await press("Control+Enter");
    await body()
      .locator('[data-block="codeBlock"]')
      .getByLabel(/^Language/)
      .fill("sql");

    await continueAtEnd();
    await slash("html");
    await page
      .getByLabel("HTML", { exact: false })
      .and(page.locator("textarea"))
      .fill('<p>Staff <em>markup</em><script>alert("x")</script></p>');

    const { id, body: blocks } = await savedWhen((b) => b.some((x) => x.type === "html"));
    expect(blocks).toEqual([
      { type: "paragraph", content: cell("The figures were published on Monday.") },
      {
        type: "table",
        caption: "Seats won",
        headerRow: true,
        rows: [
          [cell("Party"), cell("Seats")],
          [cell("Greens"), cell("12")],
        ],
      },
      { type: "pullquote", content: cell("Nobody told the residents.") },
      {
        type: "code",
        language: "sql",
        code: "SELECT party, seats\n  FROM results; -- <b>kept</b>",
      },
      { type: "html", html: '<p>Staff <em>markup</em><script>alert("x")</script></p>' },
    ]);

    const article = await publish(id);

    // The site's Content-Security-Policy forbids the inline script axe-core is injected as.
    const readerContext = await env.browser.newContext({ bypassCSP: true });
    const reader = await readerContext.newPage();
    await reader.goto(`${env.site.url}/articles/${article.slug}`);
    const main = reader.locator(".article-body");
    expect(await visibleText(main.locator("table caption"))).toBe("Seats won");
    expect(await main.locator('th[scope="col"]').allInnerTexts()).toEqual(["Party", "Seats"]);
    expect(await main.locator("tbody td").allInnerTexts()).toEqual(["Greens", "12"]);
    expect(await visibleText(main.locator("aside.pull-quote"))).toBe("Nobody told the residents.");
    expect(await main.locator("pre code.language-sql").textContent()).toBe(
      "SELECT party, seats\n  FROM results; -- <b>kept</b>",
    );
    expect(await visibleText(main.locator(".legacy-html em"))).toBe("markup");
    expect(await main.locator("script").count()).toBe(0);
    const violations = await axeViolations(reader);
    expect(violations, describeViolations(violations)).toEqual([]);
    await readerContext.close();

    const feed = (await (await fetch(`${env.site.url}/feed.json`)).json()) as {
      items: { url: string; content_html?: string }[];
    };
    const item = feed.items.find((i) => i.url.endsWith(`/articles/${article.slug}`));
    expect(item?.content_html).toContain('<th scope="col">Party</th>');
    expect(item?.content_html).toContain('<aside class="pull-quote"');
    expect(item?.content_html).toContain("-- &lt;b>kept&lt;/b>");

    for (const words of ["Greens", "residents", "FROM results", "markup"]) {
      const found = await (
        await fetch(`${env.site.url}/search?q=${encodeURIComponent(words)}`)
      ).text();
      expect(found, words).toContain(`/articles/${article.slug}`);
    }
  });

  it("creates a tracker from inside the tracker block and shows its card on the page", {
    timeout: 90_000,
  }, async () => {
    const title = "Road closures this winter";
    await newArticle("Closures so far");
    await type("We are keeping count.");
    await press("Enter");
    await slash("tracker");
    const block = body().locator('[data-block="tracker"]').last();
    await block.getByLabel("Or find or create one by title").fill(title);
    await block.getByRole("button", { name: `Create tracker “${title}”` }).click();
    // The block points at the new tracker, which its list (loaded again) now holds.
    const picker = block.getByRole("combobox", { name: /^Tracker/ });
    await expect
      .poll(() => picker.locator("option:checked").textContent())
      .toBe(`${title} (0 entries)`);
    // Unfinished (no tracker yet), the block is saved as "incomplete"; chosen, as a tracker.
    const { id, body: blocks } = await savedWhen((b) => b.some((x) => x.type === "tracker"));
    expect(blocks.find((x) => x.type === "tracker")).toEqual({
      type: "tracker",
      trackerId: await picker.inputValue(),
    });

    const { slug } = await publish(id);
    await page.goto(`${env.site.url}/articles/${slug}`);
    const card = page.locator(".article-body a.tracker-card");
    expect(await visibleText(card.locator(".tracker-card-title"))).toBe(title);
    expect(await card.getAttribute("href")).toBe("/trackers/road-closures-this-winter");
  });

  /** Pastes `html` at the caret as the browser would, with the text it carries alongside. */
  const paste = (html: string, text = "") =>
    page.evaluate(
      ([h, t]) => {
        const data = new DataTransfer();
        if (h) data.setData("text/html", h);
        data.setData("text/plain", t ?? "");
        const target = document.querySelector(".ProseMirror") as HTMLElement;
        target.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      [html, text] as const,
    );

  it("keeps a Word document as clean blocks, its styles dropped", E2E_TIMEOUT, async () => {
    await newArticle("Pasted from Word");
    await paste(WORD_HTML, "Council budget");
    const { body: blocks } = await savedWhen((b) => b.some((x) => x.type === "table"));
    expect(blocks).toEqual([
      { type: "heading", level: 2, content: cell("Council budget") },
      {
        type: "paragraph",
        content: [
          { text: "The council " },
          { text: "cut", bold: true },
          { text: " the " },
          { text: "library", italic: true },
          { text: " budget, says " },
          { text: "the report", href: "https://example.org/report" },
          { text: "." },
        ],
      },
      { type: "list", ordered: false, items: [cell("Libraries"), cell("Parks")] },
      { type: "list", ordered: true, items: [cell("First vote"), cell("Second vote")] },
      {
        type: "table",
        headerRow: false,
        rows: [
          [cell("Service", { bold: true }), cell("Cut", { bold: true })],
          [cell("Libraries"), cell("12%")],
        ],
      },
    ]);
    expect(await body().innerHTML()).not.toMatch(/mso-|style=|<o:p|class="Mso/);
  });

  it(
    "keeps a Google Docs document as clean blocks, bold and italic from its spans",
    E2E_TIMEOUT,
    async () => {
      await newArticle("Pasted from Google Docs");
      await paste(DOCS_HTML, "Flood defences");
      const { body: blocks } = await savedWhen((b) => b.some((x) => x.type === "table"));
      expect(blocks).toEqual([
        { type: "heading", level: 2, content: cell("Flood defences") },
        {
          type: "paragraph",
          content: [
            { text: "The river rose " },
            { text: "two metres", bold: true },
            { text: " by " },
            { text: "midnight", italic: true },
            { text: "." },
          ],
        },
        { type: "list", ordered: false, items: [cell("Sandbags"), cell("Pumps")] },
        {
          type: "table",
          headerRow: false,
          rows: [
            [cell("Town"), cell("Homes")],
            [cell("Ely"), cell("40", { bold: true })],
          ],
        },
      ]);
    },
  );

  it(
    "refuses a 2 MB paste whole, with a message, and keeps what was there",
    E2E_TIMEOUT,
    async () => {
      await newArticle("A huge paste");
      await type("Words already written.");
      const huge = "All work and no play makes a long article. ".repeat(48_000);
      const started = Date.now();
      await paste("", huge);
      const alert = page.getByRole("alert").filter({ hasText: "Not pasted" });
      await alert.waitFor();
      expect(await visibleText(alert)).toMatch(
        /about 2\.1 MB of text, and an article can hold about 0\.9 MB in all/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await visibleText(body())).toBe("Words already written.");
      // A paste that fits is taken, and the message goes.
      await paste("", " And one more sentence.");
      await alert.waitFor({ state: "detached" });
      expect(await visibleText(body())).toContain("And one more sentence.");
    },
  );
});
