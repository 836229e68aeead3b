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
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      if (this.state === "cdata") {
        const end = s.indexOf("]]>", i);
        if (end === -1) {
          // Keep a possible partial "]]" for the next chunk.
          const keep = Math.max(i, s.length - 2);
          out.push(s.slice(i, keep));
          this.carry = s.slice(keep);
          return out.join("");
        }
        const verdict = this.endsSection(s, end + 3);
        if (verdict === "undecided") {
          out.push(s.slice(i, end));
          this.carry = s.slice(end);
          return out.join("");
        }
        if (verdict === "end") {
          out.push(s.slice(i, end + 3));
          this.state = "markup";
        } else {
          out.push(s.slice(i, end), CDATA_SPLIT);
          this.repaired++;
        }
        i = end + 3;
      } else if (this.state === "comment") {
        const end = s.indexOf("-->", i);
        if (end === -1) {
          const keep = Math.max(i, s.length - 2);
          out.push(s.slice(i, keep));
          this.carry = s.slice(keep);
          return out.join("");
        }
        out.push(s.slice(i, end + 3));
        this.state = "markup";
        i = end + 3;
      } else {
        const lt = s.indexOf("<", i);
        if (lt === -1) {
          out.push(s.slice(i));
          return out.join("");
        }
        out.push(s.slice(i, lt));
        const consumed = this.markup(s, lt, out);
        if (consumed === -1) {
          this.carry = s.slice(lt);
          return out.join("");
        }
        i = consumed;
      }
    }
    return out.join("");
  }

  /** What was held back at the end of the file (the parser decides whether it is complete). */
  end(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }

  /** Handles the markup starting at `s[lt] === "<"`; returns the index after it, or -1 to wait. */
  private markup(s: string, lt: number, out: string[]): number {
    const head = s.slice(lt, lt + CDATA_OPEN.length);
    if (
      head.length < CDATA_OPEN.length &&
      (CDATA_OPEN.startsWith(head) || "<!--".startsWith(head))
    ) {
      return -1;
    }
    if (s.startsWith(CDATA_OPEN, lt)) {
      out.push(CDATA_OPEN);
      this.state = "cdata";
      this.owner = this.lastOpen;
      return lt + CDATA_OPEN.length;
    }
    if (s.startsWith("<!--", lt)) {
      out.push("<!--");
      this.state = "comment";
      return lt + 4;
    }
    const next = s[lt + 1];
    if (next === "/") {
      this.lastOpen = null;
      out.push("</");
      return lt + 2;
    }
    if (next === "!" || next === "?") {
      out.push("<");
      return lt + 1;
    }
    // A start tag: find its end outside quoted attribute values to tell `<a>` from `<a/>`.
    let quote = "";
    for (let k = lt + 1; k < s.length; k++) {
      const c = s[k];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === ">") {
        const name = /^[^\s/>]+/.exec(s.slice(lt + 1, Math.min(k, lt + 200)))?.[0] ?? null;
        this.lastOpen = s[k - 1] === "/" ? null : name;
        out.push(s.slice(lt, k + 1));
        return k + 1;
      } else if (c === "<") {
        // Not a tag after all (the parser will say so); pass the "<" on.
        out.push("<");
        return lt + 1;
      }
    }
    if (s.length - lt > 64 * 1024) {
      // A "tag" this long is not one; let the parser report it rather than buffer the file.
      out.push("<");
      return lt + 1;
    }
    return -1;
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
