// A WordPress comment's HTML as the text Masthead's comments hold: the reader's markdown subset
// (paragraphs, line breaks, *emphasis*, **strong**, links), so it renders as it did.
import { type ChildNode, isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";

const BLOCKS = new Set([
  "p",
  "div",
  "blockquote",
  "ul",
  "ol",
  "li",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);

/**
 * Comment HTML (WordPress keeps it with single newlines as line breaks) as markdown-subset text.
 * @example commentText("Hi <em>you</em>\n<a href=\"https://x.org\">x</a>") === "Hi *you*\n[x](https://x.org)"
 */
export function commentText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  const out = walk(doc.children)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
  return out.trim();
}

function walk(nodes: ChildNode[]): string {
  let text = "";
  for (const node of nodes) {
    if (isText(node)) text += escapeMarkdown(node.data);
    else if (isTag(node)) {
      const inner = walk(node.children);
      switch (node.name) {
        case "br":
          text += "\n";
          break;
        case "em":
        case "i":
          text += inner.trim() ? `*${inner}*` : inner;
          break;
        case "strong":
        case "b":
          text += inner.trim() ? `**${inner}**` : inner;
          break;
        case "a": {
          const href = node.attribs.href ?? "";
          text +=
            /^https?:\/\//i.test(href) && inner.trim()
              ? `[${inner}](${href.replace(/[()\s]/g, encodeURIComponent)})`
              : inner;
          break;
        }
        case "script":
        case "style":
          break;
        default:
          text += BLOCKS.has(node.name) ? `\n\n${inner}\n\n` : inner;
      }
    }
  }
  return text;
}

// Characters a reader typed literally stay literal in the markdown subset.
function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_[\]])/g, "\\$1");
}
