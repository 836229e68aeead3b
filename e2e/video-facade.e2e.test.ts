import { describe, expect, it } from "vitest";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { seedVideoArticle, VIDEO_ARTICLE, VIDEO_ARTICLE_PATH } from "./helpers/seed.js";

const env = useSiteAndBrowser({ seed: seedVideoArticle });

describe("a YouTube video behind the click-to-play facade", E2E_TIMEOUT, () => {
  it("loads nothing from any other host until the reader presses play, then embeds youtube-nocookie", async () => {
    const context = await env.browser.newContext();
    try {
      // Nothing may leave the machine: the embed is answered locally with a stand-in page, and
      // any other foreign request is refused (and still recorded below, failing the test).
      await context.route(
        (url) => url.origin !== env.site.origin,
        (route) =>
          new URL(route.request().url()).hostname === "www.youtube-nocookie.com"
            ? route.fulfill({
                status: 200,
                contentType: "text/html",
                body: "<!doctype html><title>stand-in player</title>",
              })
            : route.abort(),
      );
      const page = await context.newPage();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));

      await page.goto(env.site.url + VIDEO_ARTICLE_PATH, { waitUntil: "networkidle" });
      const foreign = requested.filter((url) => new URL(url).origin !== env.site.origin);
      expect(foreign, "requests to other hosts before play").toEqual([]);
      expect(await page.locator("iframe").count()).toBe(0);

      const play = page.getByRole("button", { name: `Play video: ${VIDEO_ARTICLE.videoTitle}` });
      await play.click();

      const iframe = page.locator("iframe");
      await iframe.waitFor({ state: "attached" });
      expect(await iframe.getAttribute("src")).toBe(
        `https://www.youtube-nocookie.com/embed/${VIDEO_ARTICLE.videoId}?autoplay=1`,
      );
      const title = await iframe.getAttribute("title");
      expect(title ?? "").toMatch(VIDEO_ARTICLE.videoTitle);
    } finally {
      await context.close();
    }
  });
});
