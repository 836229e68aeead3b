// Pasting from Word and Google Docs: their HTML is cleaned before ProseMirror's parser reads it
// (transformPastedHTML), so only what the content model holds arrives: paragraphs, headings,
// lists, tables, bold, italic and links. Styles, classes, Office namespaces and conditional
// comments are dropped; the few styles that carry meaning (Google Docs' bold and italic spans,
// Word's list paragraphs) become the elements that say it. The editor's own parse rules then do
// the rest. A paste too big for an article to be saved is refused whole, with a message, before
// the browser spends seconds parsing it.
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/**
 * The most an article's body may weigh as saved JSON once a paste is in, in bytes. The article
 * is saved as one request of at most 1 MiB (the server's body limit); this leaves room for the
 * other fields. What a paste weighs is estimated, not serialised: its UTF-8 text plus the JSON
 * of a block per line.
 */
export const PASTE_MAX_BYTES = 900_000;
/** Estimated JSON bytes around each block (`{"type":"paragraph","content":[{"text":""}]},`). */
const PER_BLOCK = 50;

const DROP = "style, meta, link, title, script, xml, img, svg, object, iframe, colgroup, col";
const BULLET_GLYPH = /^[\s\u00a0]*[·•o§▪\u2022\u25aa\uf0b7-][\s\u00a0]*$/;

/** The value of one CSS property in an inline style, lowercased, or "". */
function styleOf(el: Element, property: string): string {
  const match = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, "i").exec(
    el.getAttribute("style") ?? "",
  );
  return match?.[1]?.trim().toLowerCase() ?? "";
}

/** Replaces `el` with its children. */
function unwrap(el: Element): void {
  el.replaceWith(...Array.from(el.childNodes));
}

/** Wraps the children of `el` in a new `tag` element inside it. */
function wrapChildren(el: Element, tag: string): void {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...Array.from(el.childNodes));
  el.append(wrapper);
}

/** Every comment node (Word's conditional comments among them) removed. */
function dropComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) comments.push(n);
  for (const c of comments) c.parentNode?.removeChild(c);
}

/**
 * Word's list paragraphs (`mso-list: l0 level1`) as real lists: consecutive ones become the
 * items of one <ul> or <ol> (ordered when the marker Word drew was a number or letter).
 */
function wordLists(body: HTMLElement): void {
  const items = Array.from(body.querySelectorAll("p")).filter((p) =>
    /mso-list\s*:\s*l\d/i.test(p.getAttribute("style") ?? ""),
  );
  let list: HTMLElement | null = null;
  let last: Element | null = null;
  for (const p of items) {
    const marker = p.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]');
    const ordered = marker !== null && !BULLET_GLYPH.test(marker.textContent ?? "");
    marker?.remove();
    const continues =
      list !== null &&
      last !== null &&
      last.nextElementSibling === p &&
      (list.tagName === "OL") === ordered;
    if (!continues) {
      list = body.ownerDocument.createElement(ordered ? "ol" : "ul");
      p.before(list);
    }
    const li = body.ownerDocument.createElement("li");
    li.append(...Array.from(p.childNodes));
    list!.append(li);
    last = p;
    // Keep the paragraph as a placeholder until the next item is checked, then remove it.
    p.replaceChildren();
    p.setAttribute("data-paste-gone", "");
  }
  for (const p of body.querySelectorAll("[data-paste-gone]")) p.remove();
}

/** Google Docs' and Word's styled spans as <strong> and <em>; their false bolds unwrapped. */
function semanticStyles(body: HTMLElement): void {
  for (const el of Array.from(body.querySelectorAll("b, strong"))) {
    const weight = styleOf(el, "font-weight");
    if (weight === "normal" || weight === "400") unwrap(el);
  }
  for (const el of Array.from(body.querySelectorAll("i, em"))) {
    if (styleOf(el, "font-style") === "normal") unwrap(el);
  }
  for (const el of Array.from(body.querySelectorAll("span, font"))) {
    const weight = styleOf(el, "font-weight");
    if (weight === "bold" || weight === "bolder" || Number(weight) >= 600)
      wrapChildren(el, "strong");
    if (styleOf(el, "font-style") === "italic") wrapChildren(el, "em");
  }
}

/** Cells hold one line of rich text: their paragraphs and line breaks become spaces. */
function flattenCells(body: HTMLElement): void {
  for (const cell of Array.from(body.querySelectorAll("td, th"))) {
    for (const br of Array.from(cell.querySelectorAll("br"))) br.replaceWith(" ");
    const blocks = Array.from(cell.querySelectorAll("p, div, h1, h2, h3, h4, h5, h6, li, ul, ol"));
    for (const block of blocks.reverse()) {
      block.after(" ");
      unwrap(block);
    }
  }
}

/** Headings the article can hold: h1 is the headline, so h1 becomes h2; h5 and h6 become h4. */
function headingLevels(body: HTMLElement): void {
  const rename = (el: Element, tag: string) => {
    const next = el.ownerDocument.createElement(tag);
    next.append(...Array.from(el.childNodes));
    el.replaceWith(next);
  };
  for (const el of Array.from(body.querySelectorAll("h1"))) rename(el, "h2");
  for (const el of Array.from(body.querySelectorAll("h5, h6"))) rename(el, "h4");
}

/** Only the attributes the editor reads survive: a link's href, a table cell's structure. */
function dropAttributes(body: HTMLElement): void {
  for (const el of Array.from(body.querySelectorAll("*"))) {
    for (const name of el.getAttributeNames()) {
      const keep =
        (name === "href" && el.tagName === "A") || (name === "class" && el.tagName === "CODE");
      if (!keep) el.removeAttribute(name);
    }
  }
}

/**
 * HTML from a word processor as clean HTML the editor's schema parses into blocks. HTML copied
 * from this editor (ProseMirror marks it with data-pm-slice) is left as it is: its attributes
 * are the blocks' fields.
 * @example cleanPastedHtml('<p class=MsoNormal style="color:red">Hi<o:p></o:p></p>') // "<p>Hi</p>"
 */
export function cleanPastedHtml(html: string): string {
  if (html.includes("data-pm-slice")) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const { body } = doc;
  dropComments(body);
  for (const el of Array.from(body.querySelectorAll(DROP))) el.remove();
  // Office's namespaced elements (<o:p>, <w:sdt>…): <o:p> holds only a spacer, others content.
  for (const el of Array.from(body.getElementsByTagName("*"))) {
    if (!el.tagName.includes(":")) continue;
    if (el.tagName.toLowerCase() === "o:p") el.remove();
    else unwrap(el);
  }
  wordLists(body);
  semanticStyles(body);
  for (const el of Array.from(body.querySelectorAll("span, font, a:not([href])"))) unwrap(el);
  flattenCells(body);
  headingLevels(body);
  // No line breaks in the content model: within text one is a space; between blocks, nothing.
  for (const br of Array.from(body.querySelectorAll("br"))) br.replaceWith(" ");
  dropAttributes(body);
  return body.innerHTML;
}

/** The estimated saved size of `text` laid out as a block per line, in bytes. */
function weight(text: string, blocks: number): number {
  return new Blob([text]).size + PER_BLOCK * blocks;
}

/** What a paste would add to the saved body: its plain text (else its HTML's text), by lines. */
function pastedWeight(data: DataTransfer): number {
  let text = data.getData("text/plain");
  // Word and Google Docs always put plain text alongside; HTML alone is read for its text.
  if (text === "") text = data.getData("text/html").replace(/<[^>]*>/g, "");
  return weight(text, text.split("\n").length);
}

/** Shows (or clears) the refusal next to the editor, announced to screen readers. */
function showRefusal(view: EditorView, message: string | null): void {
  const host = view.dom.parentElement;
  if (!host) return;
  let notice = host.querySelector<HTMLElement>(":scope > .paste-refused");
  if (message === null) {
    notice?.remove();
    return;
  }
  if (!notice) {
    notice = document.createElement("p");
    notice.className = "paste-refused notice notice-error";
    notice.setAttribute("role", "alert");
    host.prepend(notice);
  }
  notice.textContent = message;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export const PasteCleanup = Extension.create({
  name: "pasteCleanup",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("pasteCleanup"),
        props: {
          transformPastedHTML: cleanPastedHtml,
          handleDOMEvents: {
            paste(view, event) {
              const data = event.clipboardData;
              if (!data) return false;
              const incoming = pastedWeight(data);
              const { doc } = view.state;
              const present = weight(doc.textContent, doc.childCount);
              if (incoming + present <= PASTE_MAX_BYTES) {
                showRefusal(view, null);
                return false;
              }
              event.preventDefault();
              showRefusal(
                view,
                `Not pasted: that is about ${megabytes(incoming)} of text, and an article can hold about ${megabytes(PASTE_MAX_BYTES)} in all (this one has ${megabytes(present)} already). Nothing was changed; paste it in smaller parts, or across several articles.`,
              );
              return true;
            },
          },
        },
      }),
    ];
  },
});
