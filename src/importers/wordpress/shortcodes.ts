// WordPress shortcodes in post content: finding the ones we convert, reading their attributes,
// and noticing the ones we do not. WordPress only expands shortcodes a plugin registered, so text
// such as "[sic]" or "[1]" is not a shortcode there and must not become one here: only the names
// in CONVERTED are taken out of the text; any other bracketed token stays text.

/** The shortcodes the converter turns into blocks (core WordPress and Jetpack's video ones). */
export const CONVERTED_SHORTCODES = [
  "caption",
  "wp_caption",
  "gallery",
  "embed",
  "video",
  "audio",
  "youtube",
  "vimeo",
] as const;
export type ConvertedShortcodeName = (typeof CONVERTED_SHORTCODES)[number];

/** One shortcode found in content. */
export interface Shortcode {
  name: ConvertedShortcodeName;
  /** Named attributes, names lower-cased, values as written (entities not yet decoded). */
  attrs: Record<string, string>;
  /** Attributes written without a name (`[youtube URL]`), in order. */
  positional: string[];
  /** What sat between `[name]` and `[/name]`; undefined for a self-closing shortcode. */
  content: string | undefined;
  /** The shortcode as written, to put back where markup is kept as it is. */
  raw: string;
}

// WordPress's get_shortcode_regex() for our names, without its possessive quantifiers (each
// repetition below starts with a character the previous one cannot eat, so it cannot backtrack
// badly). Groups: 1 an extra "[" (escaped shortcode), 2 the name, 3 the attributes, 4 "/" of a
// self-closing tag, 5 the enclosed content, 6 an extra "]".
const SHORTCODE = new RegExp(
  String.raw`\[(\[?)(${CONVERTED_SHORTCODES.join("|")})(?![\w-])([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)(?:(\/)\]|\](?:([^\[]*(?:\[(?!\/\2\])[^\[]*)*)\[\/\2\])?)(\]?)`,
  "gi",
);

// shortcode_parse_atts(): name="value", name='value', name=value, "value", 'value', value.
const ATTRIBUTE =
  /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;

/** The attributes of a shortcode's opening tag, read as WordPress's shortcode_parse_atts() does. */
export function parseShortcodeAttributes(text: string): Pick<Shortcode, "attrs" | "positional"> {
  const attrs: Record<string, string> = {};
  const positional: string[] = [];
  // WordPress treats no-break and zero-width spaces between attributes as plain spaces.
  const normalized = text.replace(/[\u00a0\u200b]/g, " ");
  for (const m of normalized.matchAll(ATTRIBUTE)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2] ?? "";
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4] ?? "";
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6] ?? "";
    else {
      const value = m[7] ?? m[8] ?? m[9];
      if (value !== undefined) positional.push(value);
    }
  }
  // Jetpack's `[youtube=https://…]`: the "attribute" text starts with "=".
  const eq = /^=\s*(\S+)/.exec(text.trim());
  if (eq?.[1] !== undefined && positional.length <= 1)
    positional.splice(0, positional.length, eq[1]);
  return { attrs, positional };
}

/** Content with our shortcodes swapped for `<tag data-i="N"></tag>` placeholders, and the shortcodes. */
export interface ShortcodeSplit {
  html: string;
  /** The placeholder element's name; undefined when the content holds no shortcode at all. */
  tag: string | undefined;
  shortcodes: Shortcode[];
}

/**
 * Replaces each converted shortcode by an empty placeholder element so the HTML parser sees
 * where it stood (a caption inside a paragraph splits that paragraph, as wpautop makes it a
 * block of its own). `[[caption]]` is WordPress's escape for the literal text "[caption]".
 * The placeholder's name is chosen so that it does not occur in the content.
 */
export function extractShortcodes(content: string): ShortcodeSplit {
  if (!content.includes("[")) return { html: content, tag: undefined, shortcodes: [] };
  let n = 0;
  while (content.includes(`mh-shortcode-${n}`)) n += 1;
  const tag = `mh-shortcode-${n}`;
  const shortcodes: Shortcode[] = [];
  const html = content.replace(
    SHORTCODE,
    (whole, open: string, name: string, attrText: string, _slash, inner, close: string) => {
      if (open === "[" && close === "]") return whole.slice(1, -1);
      const { attrs, positional } = parseShortcodeAttributes(attrText ?? "");
      shortcodes.push({
        name: name.toLowerCase() as ConvertedShortcodeName,
        attrs,
        positional,
        content: inner as string | undefined,
        raw: whole.slice(open.length, whole.length - close.length),
      });
      // A lone "[" or "]" around an unescaped shortcode is text that belongs to its neighbours.
      return `${open}<${tag} data-i="${shortcodes.length - 1}"></${tag}>${close}`;
    },
  );
  return { html, tag, shortcodes };
}

// Any other bracketed token that looks like a plugin's shortcode: it has attributes, a closing
// tag, or a name with "-" or "_" (contact-form-7, gravityform…); "[sic]" and "[1]" do not.
const OTHER_SHORTCODE = /\[([a-z][a-z0-9_-]*)(?=[\s\]/])([^\]]*)\]/gi;

/** Names of unconverted shortcode-looking tokens left in text (for the report), once each. */
export function otherShortcodeNames(text: string): string[] {
  if (!text.includes("[")) return [];
  const names = new Set<string>();
  for (const m of text.matchAll(OTHER_SHORTCODE)) {
    const name = m[1]!.toLowerCase();
    const attrs = (m[2] ?? "").trim();
    const looksLikeOne =
      attrs !== "" || /[-_]/.test(name) || text.toLowerCase().includes(`[/${name}]`);
    if (looksLikeOne) names.add(name);
  }
  return [...names];
}
