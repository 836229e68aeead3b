// The one policy for HTML that Masthead keeps as HTML: the legacy-HTML block that imports make
// of markup with no block equivalent. The importer sanitizes with it before storing, and the
// site sanitizes the stored HTML again with it every time it renders (a block can also be
// written through the admin API, which does not parse HTML). A well-kept sanitizer does the
// parsing; this module only says what survives: text formatting, lists, tables, figures, links
// and images, never script, styles, frames, forms, event handlers or script-capable URLs.
import sanitizeHtml from "sanitize-html";

const TEXT = [
  "p",
  "br",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "sub",
  "sup",
  "small",
  "mark",
  "abbr",
  "cite",
  "q",
  "code",
  "pre",
  "kbd",
  "blockquote",
  "hr",
];
// h1 is the article's headline; a legacy h1 becomes an h2 (see transformTags).
const HEADINGS = ["h2", "h3", "h4", "h5", "h6"];
const LISTS = ["ul", "ol", "li", "dl", "dt", "dd"];
const TABLES = ["table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"];
const FIGURES = ["figure", "figcaption", "a", "img"];

/** Every element the policy keeps; anything else is dropped, keeping its text. */
export const LEGACY_HTML_TAGS: readonly string[] = [
  ...TEXT,
  ...HEADINGS,
  ...LISTS,
  ...TABLES,
  ...FIGURES,
];

/** The rel every link leaving the site gets: no window.opener, no endorsement of imported links. */
export const EXTERNAL_LINK_REL = "noopener nofollow ugc";

const DIGITS = /^\d{1,4}$/;
// Absolute http(s) or protocol-relative: another site (the site's own absolute URLs included,
// which is harmless: they only gain a rel).
const REMOTE = /^\s*(?:https?:)?\/\//i;

/** Keeps `name` only when it is a small whole number (width, colspan…): no units, no script. */
function keepDigits(attribs: sanitizeHtml.Attributes, ...names: string[]): sanitizeHtml.Attributes {
  const kept: sanitizeHtml.Attributes = {};
  for (const name of names) {
    const value = attribs[name]?.trim();
    if (value !== undefined && DIGITS.test(value)) kept[name] = value;
  }
  return kept;
}

/** `//host/x` as `https://host/x`: the sanitizer refuses protocol-relative addresses. */
function withScheme(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  return trimmed.startsWith("//") ? `https:${trimmed}` : trimmed;
}

function defined(attribs: Record<string, string | undefined>): sanitizeHtml.Attributes {
  return Object.fromEntries(
    Object.entries(attribs).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** What to do with an image whose file lives on another site. */
export type RemoteImages = "keep" | "link";

export interface LegacyHtmlOptions {
  /**
   * "keep" (the default, at import: the importer still needs to see them to map them to media)
   * or "link": readers' pages never load a file from another site until the reader asks, so the
   * site shows a remote image as a link to it, labelled with its alt text.
   */
  remoteImages?: RemoteImages;
}

// A language tag (BCP 47 shape) and a direction: right-to-left text must keep them to read right.
const LANG = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8}){0,4}$/;
const DIRECTIONS = new Set(["ltr", "rtl", "auto"]);

/** The `dir` and `lang` of an element when they are well formed; every element may keep them. */
function textDirection(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const dir = attribs.dir?.trim().toLowerCase();
  const lang = attribs.lang?.trim();
  return defined({
    dir: dir !== undefined && DIRECTIONS.has(dir) ? dir : undefined,
    lang: lang !== undefined && LANG.test(lang) ? lang : undefined,
  });
}

/** Rebuilds an element's attributes from scratch: what `pick` keeps plus dir and lang. */
const rebuild =
  (
    tagName: string,
    pick: (attribs: sanitizeHtml.Attributes) => sanitizeHtml.Attributes = () => ({}),
  ) =>
  (_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => ({
    tagName,
    attribs: { ...pick(attribs), ...textDirection(attribs) },
  });

/** What one sanitizing pass knows about where it is: how many links the parser is inside. */
interface PassState {
  openLinks: number;
}

function policy(remoteImages: RemoteImages, pass: PassState): sanitizeHtml.IOptions {
  const rebuilt = Object.fromEntries(LEGACY_HTML_TAGS.map((tag) => [tag, rebuild(tag)] as const));
  return {
    allowedTags: [...LEGACY_HTML_TAGS],
    // The transforms below already rebuilt each element's attributes; this list is the backstop.
    allowedAttributes: {
      a: ["href", "rel", "dir", "lang"],
      img: ["src", "alt", "width", "height", "loading", "dir", "lang"],
      abbr: ["title", "dir", "lang"],
      td: ["colspan", "rowspan", "dir", "lang"],
      th: ["colspan", "rowspan", "scope", "dir", "lang"],
      ol: ["start", "dir", "lang"],
      "*": ["dir", "lang"],
    },
    allowedClasses: {},
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    // Made absolute by withScheme first; anything still protocol-relative is malformed.
    allowProtocolRelative: false,
    // Contents that are not readable text: dropped with the element instead of kept as text.
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "xmp",
      "noscript",
      "noembed",
      "noframes",
      "iframe",
      "object",
      "template",
      "title",
      "head",
      "select",
      "svg",
      "math",
      "plaintext",
    ],
    disallowedTagsMode: "discard",
    onOpenTag: (name) => {
      if (name === "a") pass.openLinks++;
    },
    onCloseTag: (name) => {
      if (name === "a" && pass.openLinks > 0) pass.openLinks--;
    },
    parseStyleAttributes: false,
    // An image whose source was refused shows nothing: leave no empty element behind; a link
    // whose address was refused keeps its words as plain text. (`frame.tag` is the name before
    // transformTags: a remote image turned link is an "img" with an href.)
    exclusiveFilter: (frame) => {
      if (frame.tag === "img") return !frame.attribs.src && !frame.attribs.href;
      if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
      return false;
    },
    transformTags: {
      // Every allowed element starts with no attributes but dir and lang (no on*, style, class, id).
      ...rebuilt,
      h1: rebuild("h2"),
      abbr: rebuild("abbr", (a) => defined({ title: a.title })),
      ol: rebuild("ol", (a) => keepDigits(a, "start")),
      td: rebuild("td", (a) => keepDigits(a, "colspan", "rowspan")),
      th: rebuild("th", (a) => ({
        ...keepDigits(a, "colspan", "rowspan"),
        ...defined({ scope: a.scope && SCOPES.has(a.scope) ? a.scope : undefined }),
      })),
      a: rebuild("a", (a) => {
        const href = withScheme(a.href);
        // The author's own rel and target are dropped: ours says what a reader's click may do.
        return defined({ href, rel: href && REMOTE.test(href) ? EXTERNAL_LINK_REL : undefined });
      }),
      img: (_tag, attribs): sanitizeHtml.Tag => {
        const src = withScheme(attribs.src);
        const alt = (attribs.alt ?? "").trim();
        if (remoteImages === "link" && src !== undefined && REMOTE.test(src)) {
          const text = alt === "" ? "Image" : `Image: ${alt}`;
          // Inside a link (WordPress wraps images in a link to the full size) a second link
          // would nest: the words alone, as text (a disallowed tag keeps only its text).
          return pass.openLinks > 0
            ? { tagName: "span", attribs: { href: src }, text }
            : { tagName: "a", attribs: { href: src, rel: EXTERNAL_LINK_REL }, text };
        }
        return {
          tagName: "img",
          attribs: {
            ...defined({ src, alt }),
            ...keepDigits(attribs, "width", "height"),
            loading: "lazy",
            ...textDirection(attribs),
          },
        };
      },
    },
  };
}

const SCOPES = new Set(["row", "col", "rowgroup", "colgroup"]);

/**
 * HTML reduced to the safe subset of the legacy-HTML block: allowed elements keep their text
 * and a few harmless attributes, links only http(s), mailto and relative addresses (external
 * ones get rel="noopener nofollow ugc"), images only http(s) and relative sources (lazy).
 * Idempotent: sanitizing the output again returns it unchanged.
 * @example sanitizeLegacyHtml('<p onclick="x()">Hi<script>x()</script></p>') // "<p>Hi</p>"
 */
export function sanitizeLegacyHtml(html: string, options: LegacyHtmlOptions = {}): string {
  // The options hold this pass's state, so each call gets its own (building them is cheap).
  const pass: PassState = { openLinks: 0 };
  return sanitizeHtml(html, policy(options.remoteImages ?? "keep", pass)).trim();
}
