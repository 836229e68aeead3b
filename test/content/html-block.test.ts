// The legacy-HTML block in the domain: what the schema accepts, and its words as plain text
// (search, reading time and the editor's preview read it; nothing renders it as markup).
import { describe, expect, it } from "vitest";
import {
  articlePlainText,
  BlockSchema,
  blockText,
  HTML_BLOCK_MAX,
  type HtmlBlock,
  htmlToText,
} from "../../src/content/index.js";

const table: HtmlBlock = {
  type: "html",
  html: "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>Greens</td><td>12</td></tr></table>",
  reason: "wp:table",
};

describe("html block schema", () => {
  it("accepts HTML with the reason it could not be converted", () => {
    expect(BlockSchema.parse(table)).toEqual(table);
  });

  it.each([
    ["blank html", { ...table, html: "  \n" }, "html"],
    ["html over the limit", { ...table, html: "x".repeat(HTML_BLOCK_MAX + 1) }, "html"],
    ["a blank reason", { ...table, reason: " " }, "reason"],
    ["a reason over 200 characters", { ...table, reason: "r".repeat(201) }, "reason"],
    ["an extra field", { ...table, css: "p{}" }, ""],
  ])("refuses %s", (_name, block, path) => {
    const result = BlockSchema.safeParse(block);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });

  it("accepts HTML without a reason: staff with the block.html permission wrote it", () => {
    const staff = { type: "html", html: "<p>x</p>" };
    expect(BlockSchema.parse(staff)).toEqual(staff);
  });

  it("names html among the block types when the type is unknown", () => {
    const result = BlockSchema.safeParse({ type: "marquee" });
    expect(result.error?.issues[0]?.message).toMatch(/\bhtml\b/);
  });
});

describe("text of an html block", () => {
  it("is the words, one line per row or paragraph, cells apart", () => {
    expect(blockText(table)).toBe("Party Seats\nGreens 12");
  });

  it("decodes the entities a sanitizer writes and collapses spaces", () => {
    expect(
      htmlToText("<p>Fish &amp; chips&nbsp;&lt;3 &quot;q&quot; &#39;s&#x27; &#128512;</p>"),
    ).toBe("Fish & chips <3 \"q\" 's' 😀");
  });

  it("leaves out comments, scripts and styles, and unknown entities as written", () => {
    expect(
      htmlToText(
        "<p>a<!-- hidden --></p><script>var x = '<p>';</script><style>p{}</style><p>b &bogus; &#0;</p>",
      ),
    ).toBe("a\nb &bogus; &#0;");
  });

  it("keeps inline markup's words together and right-to-left text as it is", () => {
    expect(htmlToText('<p dir="rtl">שָׁלוֹם <b>עולם</b>ab<i>c</i></p>')).toBe("שָׁלוֹם עולםabc");
  });

  it("is part of the article's plain text for search", () => {
    expect(articlePlainText([{ type: "paragraph", content: [{ text: "Before" }] }, table])).toBe(
      "Before\n\nParty Seats\nGreens 12",
    );
  });
});
