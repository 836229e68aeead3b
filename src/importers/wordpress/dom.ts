// The DOM node types of htmlparser2's parseDocument() and the two tests the converter needs,
// taken from htmlparser2 itself so no transitive package (domhandler) is imported directly.
import { ElementType, type parseDocument } from "htmlparser2";

export type DomDocument = ReturnType<typeof parseDocument>;
export type DomNode = DomDocument["children"][number];
export type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;
export type DomText = Extract<DomNode, { type: typeof ElementType.Text }>;

/** Whether a node is an element (script and style included). */
export function isElement(node: DomNode): node is DomElement {
  return ElementType.isTag(node);
}

/** Whether a node is text. */
export function isText(node: DomNode): node is DomText {
  return node.type === ElementType.Text;
}
