// Per-recipient links are filled in after rendering: one render per edition, then a cheap
// substitution per recipient. The placeholders are plain ASCII with no character HTML escaping,
// URL handling or juice would change, so they reach the finished parts exactly as written.
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { RenderedEmail } from "./types.js";

/** The placeholders a rendered message holds until `personalize` fills them in. */
export const EMAIL_LINK_PLACEHOLDERS = {
  unsubscribe: "%%MH_UNSUBSCRIBE_URL%%",
  preferences: "%%MH_PREFERENCES_URL%%",
  webVersion: "%%MH_WEB_VERSION_URL%%",
} as const;

/** One recipient's links (absolute URLs) for the footer. */
export type EmailLinks = Record<keyof typeof EMAIL_LINK_PLACEHOLDERS, string>;

/** Text escaped for HTML text and double-quoted attributes, by the same renderer as the rest. */
const escapeHtml = (value: string): string => renderToString(h("b", null, value)).slice(3, -4);

/**
 * The message with one recipient's links in place of the placeholders: escaped in the HTML part,
 * as they are in the text part. The subject holds none.
 * @example personalize(rendered, { unsubscribe: "https://…/u/abc", preferences: "…", webVersion: "…" })
 */
export function personalize(rendered: RenderedEmail, links: EmailLinks): RenderedEmail {
  let { html, text } = rendered;
  for (const key of Object.keys(EMAIL_LINK_PLACEHOLDERS) as (keyof EmailLinks)[]) {
    const placeholder = EMAIL_LINK_PLACEHOLDERS[key];
    const url = links[key];
    // A replacer function: a string would read "$&" or "$1" in a URL as a pattern.
    html = html.replaceAll(placeholder, () => escapeHtml(url));
    text = text.replaceAll(placeholder, () => url);
  }
  return { subject: rendered.subject, html, text };
}
