import type { Locator } from "playwright-core";

/**
 * Checks that each named locator matches exactly one element and that those elements follow
 * one another in document order. Returns readable problems (empty when all is well), so a
 * failing test names the element that is missing, doubled or out of place.
 */
export async function documentOrderProblems(
  elements: readonly (readonly [string, Locator])[],
): Promise<string[]> {
  const problems: string[] = [];
  const found: { name: string; locator: Locator }[] = [];
  for (const [name, locator] of elements) {
    const count = await locator.count();
    if (count !== 1) problems.push(`${name}: expected exactly one element, found ${count}`);
    else found.push({ name, locator });
  }
  for (let i = 1; i < found.length; i++) {
    const before = found[i - 1]!;
    const after = found[i]!;
    const handle = await before.locator.elementHandle();
    const follows = await after.locator.evaluate(
      (el, prev) =>
        prev !== null &&
        (prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      handle,
    );
    if (!follows) problems.push(`${after.name} should come after ${before.name}`);
  }
  return problems;
}

/**
 * The text of an element as a reader sees it (rendered text: hidden parts left out, line
 * breaks where the layout puts them), unlike textContent.
 */
export function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator, and rendered text is the point
  return locator.innerText();
}
