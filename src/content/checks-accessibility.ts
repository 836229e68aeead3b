// The checklist's content-accessibility rules: what makes an article harder to read with a screen
// reader or a keyboard. Each finding is a warning (a newsroom may have its reasons), and each
// reads blocks generically (runs with a link, objects with alt and caption), so new block types
// are checked without changes here.
import type { Article } from "./article.js";
import { type Block, blockText } from "./blocks.js";
import type { Check } from "./check.js";

/** Link texts that say nothing out of context (screen readers list links on their own). */
const VAGUE_LINK_TEXT = new Set([
  "click here",
  "click",
  "here",
  "read more",
  "more",
  "this",
  "this link",
  "link",
  "learn more",
  "go",
  "continue",
]);

/** Fewest letters a text needs before being all capitals counts (not "NATO", "BBC NEWS"). */
const ALL_CAPS_MIN_LETTERS = 12;

/** Every object inside a value with the path to it (for generic reading of any block type). */
function* objectsIn(value: unknown, path: string): Generator<[Record<string, unknown>, string]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* objectsIn(value[i], `${path}.${i}`);
  } else if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    yield [object, path];
    for (const [key, v] of Object.entries(object))
      if (typeof v === "object") yield* objectsIn(v, `${path}.${key}`);
  }
}

const plainOf = (value: unknown): string =>
  typeof value === "string"
    ? value
    : Array.isArray(value)
      ? value.map((r) => (typeof r?.text === "string" ? r.text : "")).join("")
      : "";

const normalized = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  return letters.length >= ALL_CAPS_MIN_LETTERS && !/\p{Ll}/u.test(text) && /\p{Lu}/u.test(text);
}

function blockChecks(block: Block, index: number): Check[] {
  const checks: Check[] = [];
  for (const [object, path] of objectsIn(block, `body.${index}`)) {
    if (typeof object.href === "string" && typeof object.text === "string") {
      const text = normalized(object.text);
      if (VAGUE_LINK_TEXT.has(text))
        checks.push({
          id: `link-text@${path}`,
          level: "warning",
          message: `link text “${object.text.trim()}” says nothing on its own: name where it goes`,
          path,
        });
    }
    if (typeof object.alt === "string" && object.caption !== undefined) {
      const alt = normalized(object.alt);
      if (alt !== "" && alt === normalized(plainOf(object.caption)))
        checks.push({
          id: `alt-caption@${path}`,
          level: "warning",
          message:
            "the alt text repeats the caption: describe what the image shows instead (screen readers read both)",
          path: `${path}.alt`,
        });
    }
  }
  if ((block.type as string) !== "code" && isAllCaps(blockText(block)))
    checks.push({
      id: `all-caps@body.${index}`,
      level: "warning",
      message: "text in capitals only is hard to read and is spelled out by some screen readers",
      path: `body.${index}`,
    });
  return checks;
}

/** Headings that skip a level (an h2 followed by an h4): the outline readers navigate breaks. */
function headingOrder(article: Article): Check[] {
  const checks: Check[] = [];
  let previous = 1; // the headline is the h1
  article.body.forEach((block, index) => {
    if (block.type !== "heading") return;
    if (block.level > previous + 1)
      checks.push({
        id: `heading-order@body.${index}`,
        level: "warning",
        message: `a level ${block.level} heading follows a level ${previous}: use level ${previous + 1}`,
        path: `body.${index}.level`,
      });
    previous = block.level;
  });
  return checks;
}

/** Every accessibility warning of an article, in body order (the headline first). */
export function accessibilityChecks(article: Article): Check[] {
  const checks: Check[] = isAllCaps(article.headline)
    ? [
        {
          id: "all-caps@headline",
          level: "warning",
          message: "the headline is in capitals only: write it in normal case (CSS can style it)",
          path: "headline",
        },
      ]
    : [];
  article.body.forEach((block, index) => {
    if (block.type !== "incomplete") checks.push(...blockChecks(block, index));
  });
  return [...checks, ...headingOrder(article)];
}
