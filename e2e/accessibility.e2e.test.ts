import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { REFERENCE_PATH } from "./helpers/server.js";

const AXE = path.resolve("node_modules/axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/** Runs axe-core in the page and returns its violations (WCAG 2.x A/AA and best practices). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run();
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  });
}

/** One readable paragraph per violation, so the failure says what to fix and where. */
function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes
          .map((n) => `  - ${JSON.stringify(n.target)} ${n.html}\n    ${n.failureSummary ?? ""}`)
          .join("\n"),
    )
    .join("\n\n");
}

const env = useSiteAndBrowser();

describe("accessibility (axe-core)", E2E_TIMEOUT, () => {
  it.each([
    ["the home page", "/"],
    ["the reference article", REFERENCE_PATH],
    ["the section page", "/sections/resist-hate"],
    ["the author page", "/authors/serena-zehlius"],
    ["the tracker page", "/trackers/criminals-pardoned-by-trump-this-term"],
    ["the About page", "/about"],
  ])("%s has no violations", async (_name, pagePath) => {
    // Bypassing CSP lets axe be injected as a script tag; the page itself is unchanged.
    const context = await env.browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      const response = await page.goto(env.site.url + pagePath);
      expect(response?.status()).toBe(200);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
