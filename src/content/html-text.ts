// The words inside a legacy-HTML block, for search, reading time and the editor's preview.
// The domain may not import an HTML parser, and this text is never rendered as markup (every
// consumer escapes it), so a small tag strip is enough: it must read well, not be a parser.

// Elements whose content is not text a reader reads (a stored block could hold them if it
// was written through the API rather than the sanitizer).
const HIDDEN =
  /<(script|style|template|textarea|noscript|iframe|object|svg|math)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// Tags that end a line of text when read: paragraphs, headings, list items, rows, breaks.
const LINE_BREAK =
  /<\/?(?:p|br|div|h[1-6]|li|dt|dd|tr|blockquote|pre|figure|figcaption|caption|table|ul|ol|dl|hr)\b[^>]*>/gi;
// Cells sit side by side on a line: a space keeps their words apart.
const CELL = /<\/?(?:td|th)\b[^>]*>/gi;
const TAG = /<\/?[a-zA-Z][^>]*>/g;

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Decodes the named entities a sanitizer writes (&amp; &lt; &gt; &quot; &apos; &nbsp;) and numeric ones. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X"
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/**
 * The readable text of an HTML fragment: tags dropped, block ends as line breaks, runs of
 * spaces collapsed, the common entities decoded. For plain text only, never to render as HTML.
 * @example htmlToText("<p>Fish &amp; chips</p><p>Two</p>") // "Fish & chips\nTwo"
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(COMMENT, "")
    .replace(HIDDEN, "")
    .replace(LINE_BREAK, "\n")
    .replace(CELL, " ")
    .replace(TAG, "");
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/[ \t\f\r\u00a0]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}
