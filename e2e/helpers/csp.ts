import type { BrowserContext } from "playwright-core";

/**
 * Records every Content-Security-Policy violation the pages of `context` report, from the
 * `securitypolicyviolation` event (bound before any page script runs, through the DevTools
 * protocol, which the policy does not govern) and from Chromium's console messages. Returns a
 * function that lists them, readable, for an assertion such as `expect(violations()).toEqual([])`.
 */
export async function watchCspViolations(context: BrowserContext): Promise<() => string[]> {
  const seen: string[] = [];
  await context.exposeBinding("__mhCspViolation", ({ page }, text: string) => {
    seen.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const report = (window as unknown as { __mhCspViolation(text: string): void })
          .__mhCspViolation;
        report(
          `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
        );
      },
      true,
    );
  });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()))
      seen.push(`${message.page()?.url() ?? "?"}: console: ${message.text()}`);
  });
  return () => [...seen];
}
