import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** Renders a page component to a complete HTML document string. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
