import type { HtmlBlock } from "../../content/index.js";
import { sanitizeLegacyHtml } from "../../sanitize/legacy-html.js";

/**
 * Imported HTML that no block could hold, inside the article body only. It was sanitized when
 * imported; it is sanitized again here because a stored block can also come through the admin
 * API, which validates its shape but does not parse HTML. Images on another site become links
 * to them: a reader's page loads nothing from a third party until the reader asks.
 */
export function LegacyHtml({ block }: { block: HtmlBlock }) {
  const html = sanitizeLegacyHtml(block.html, { remoteImages: "link" });
  if (html === "") return null;
  return (
    <div
      class="legacy-html"
      data-reason={block.reason}
      // Sanitized by the one legacy-HTML policy just above.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
