import { describe, expect, it } from "vitest";
import { shouldCountView } from "../../src/site/views/should-count.js";

const CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

describe("shouldCountView", () => {
  it("a normal browser's view is counted", () => {
    expect(shouldCountView({ userAgent: CHROME, purpose: [] })).toEqual({ count: true });
  });

  it.each([
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1",
    "curl/8.5.0",
  ])("a bot's view is not counted (%s)", (userAgent) => {
    expect(shouldCountView({ userAgent, purpose: [] })).toEqual({ count: false, reason: "bot" });
  });

  it("a request without a user agent is not counted", () => {
    expect(shouldCountView({ userAgent: undefined, purpose: [] }).count).toBe(false);
    expect(shouldCountView({ userAgent: "  ", purpose: [] }).count).toBe(false);
  });

  it.each(["prefetch", "prefetch;prerender", "Prefetch", "preview"])(
    "a speculative load (%s) is not counted",
    (purpose) => {
      expect(shouldCountView({ userAgent: CHROME, purpose: [undefined, purpose] })).toEqual({
        count: false,
        reason: "prefetch",
      });
    },
  );

  it("a reader the page already counted today is not counted again", () => {
    expect(shouldCountView({ userAgent: CHROME, purpose: [], repeat: true })).toEqual({
      count: false,
      reason: "repeat",
    });
  });
});
