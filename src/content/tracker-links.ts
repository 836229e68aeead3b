// A paragraph that is nothing but a link to one of the site's tracker pages is shown as that
// tracker's card (as the tracker block shows it). Decided at render time, not on save: the body
// keeps what the writer wrote, so a deleted or renamed tracker leaves an ordinary link instead of
// a dangling reference, and articles written through the API or imported get the card too.
import type { ParagraphBlock } from "./blocks.js";

/** Any body block (incomplete drafts' blocks included): only paragraphs are looked at. */
type AnyBlock = { type: string };

const TRACKER_PATH = /^\/trackers\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;

/** The one link a paragraph consists of (its other runs blank), or undefined. */
function loneLink(block: AnyBlock): string | undefined {
  if (block.type !== "paragraph") return undefined;
  const hrefs = new Set<string | undefined>();
  for (const run of (block as ParagraphBlock).content)
    if (run.text.trim() !== "") hrefs.add(run.href);
  const [href] = hrefs;
  return hrefs.size === 1 ? href : undefined;
}

/**
 * The slug of the tracker page a paragraph is nothing but a link to, or undefined. A site path
 * (`/trackers/x`) always counts; an absolute address counts when its origin is `origin` (the
 * site's public origin), or when `origin` is "any" (for loading candidates before rendering).
 * @example trackerLinkSlug({ type: "paragraph", content: [{ text: "Tracker", href: "/trackers/x" }] }) // "x"
 */
export function trackerLinkSlug(block: AnyBlock, origin?: string): string | undefined {
  const href = loneLink(block);
  if (href === undefined) return undefined;
  if (href.startsWith("/")) return TRACKER_PATH.exec(href)?.[1];
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (origin !== "any" && url.origin !== new URL(origin).origin) return undefined;
  return url.search === "" && url.hash === "" ? TRACKER_PATH.exec(url.pathname)?.[1] : undefined;
}

/** The slugs of every tracker a body links to from a paragraph of its own (on any origin). */
export function trackerLinkSlugsOf(body: readonly AnyBlock[]): string[] {
  return [...new Set(body.flatMap((b) => trackerLinkSlug(b, "any") ?? []))];
}
