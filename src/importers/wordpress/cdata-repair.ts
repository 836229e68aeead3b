// Old WordPress versions wrote fields as `<![CDATA[` + text + `]]>` without escaping a `]]>` inside
// the text (typically `//]]>` closing an inline script), which ends the section early and makes the
// file invalid XML. Modern WordPress writes such text split in two valid sections,
// `]]]]><![CDATA[>`. WordPress's own importer reads the broken files with its regex fallback,
// which takes a field's text from its opening tag up to its closing tag and then drops the CDATA
// wrapper. This filter does the same in a stream, before the XML parser sees the text: inside a
// CDATA section that is the text of an element, a `]]>` only ends the section when what follows
// (after optional whitespace) is that element's closing tag or the next `<![CDATA[` of the modern
// split form; any other `]]>` is part of the text and is rewritten into the split form, which the
// parser then reads back as the original `]]>`. Everything else passes through unchanged.

const CDATA_OPEN = "<![CDATA[";
const CDATA_SPLIT = "]]]]><![CDATA[>";

type State = "markup" | "cdata" | "comment";

/** Rewrites raw `]]>` inside CDATA sections into the valid split form, chunk by chunk. */
export class CdataRepair {
  private carry = "";
  private state: State = "markup";
  /** The element whose text the open CDATA section is; null when it follows an end tag. */
  private owner: string | null = null;
  /** The last start tag not followed by an end tag yet. */
  private lastOpen: string | null = null;
  /** How many raw `]]>` were rewritten (0 for any file a current WordPress wrote). */
  repaired = 0;

  /** The repaired text of `chunk`; a few characters may be held back until the next chunk. */
  push(chunk: string): string {
    const s = this.carry + chunk;
    this.carry = "";
    // The text is passed on as slices of `s`; only a repair splits it (repairs are rare).
    const out: string[] = [];
    let from = 0;
    let i = 0;
    const hold = (at: number): string => {
      this.carry = s.slice(at);
      out.push(s.slice(from, at));
      return out.join("");
    };
    while (i < s.length) {
      if (this.state === "cdata") {
        const end = s.indexOf("]]>", i);
        if (end === -1) return hold(Math.max(i, s.length - 2)); // a partial "]]" may follow
        const verdict = this.endsSection(s, end + 3);
        if (verdict === "undecided") return hold(end);
        if (verdict === "end") {
          this.state = "markup";
        } else {
          out.push(s.slice(from, end), CDATA_SPLIT);
          from = end + 3;
          this.repaired++;
        }
        i = end + 3;
      } else if (this.state === "comment") {
        const end = s.indexOf("-->", i);
        if (end === -1) return hold(Math.max(i, s.length - 2));
        this.state = "markup";
        i = end + 3;
      } else {
        const lt = s.indexOf("<", i);
        if (lt === -1) break;
        const next = this.markup(s, lt);
        if (next === -1) return hold(lt);
        i = next;
      }
    }
    out.push(s.slice(from));
    return out.join("");
  }

  /** What was held back at the end of the file (the parser decides whether it is complete). */
  end(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }

  /** Reads the markup starting at `s[lt] === "<"`; returns the index after it, or -1 to wait. */
  private markup(s: string, lt: number): number {
    const next = s.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (s.length - lt < CDATA_OPEN.length) {
        const head = s.slice(lt);
        if (CDATA_OPEN.startsWith(head) || "<!--".startsWith(head)) return -1;
      }
      if (s.startsWith(CDATA_OPEN, lt)) {
        this.state = "cdata";
        this.owner = this.lastOpen;
        return lt + CDATA_OPEN.length;
      }
      if (s.startsWith("<!--", lt)) {
        this.state = "comment";
        return lt + 4;
      }
      return lt + 1;
    }
    if (Number.isNaN(next)) return -1;
    if (next === 47 /* / */) {
      this.lastOpen = null;
      return lt + 2;
    }
    if (next === 63 /* ? */) return lt + 1;
    // A start tag: find its end outside quoted attribute values to tell `<a>` from `<a/>`.
    let nameEnd = -1;
    let quote = 0;
    const limit = Math.min(s.length, lt + 64 * 1024);
    for (let k = lt + 1; k < limit; k++) {
      const c = s.charCodeAt(k);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (c === 62 /* > */) {
        const selfClosing = s.charCodeAt(k - 1) === 47;
        this.lastOpen = selfClosing ? null : s.slice(lt + 1, nameEnd === -1 ? k : nameEnd);
        return k + 1;
      } else if (nameEnd === -1 && (c === 47 || isSpace(c))) {
        nameEnd = k;
      } else if (c === 60 /* < */) {
        return lt + 1; // not a tag after all; the parser will say so
      }
    }
    // A "tag" this long is not one; let the parser report it rather than buffer the file.
    return limit < s.length || s.length - lt >= 64 * 1024 ? lt + 1 : -1;
  }

  /** Whether the `]]>` ending just before `s[at]` closes the CDATA section. */
  private endsSection(s: string, at: number): "end" | "text" | "undecided" {
    if (this.owner === null) return "end";
    let k = at;
    while (k < s.length && isSpace(s.charCodeAt(k))) k++;
    if (k - at > 4096) return "end";
    const close = `</${this.owner}`;
    const need = Math.max(CDATA_OPEN.length, close.length + 1);
    const rest = s.slice(k, k + need);
    if (rest.startsWith(CDATA_OPEN)) return "end";
    if (rest.length > close.length && rest.startsWith(close)) {
      const after = rest.charCodeAt(close.length);
      if (after === 62 /* > */ || isSpace(after)) return "end";
    }
    // The input ran out before the two could be told apart: wait for the next chunk.
    if (rest.length < need && (CDATA_OPEN.startsWith(rest) || close.startsWith(rest))) {
      return "undecided";
    }
    return "text";
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
