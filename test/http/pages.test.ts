import { describe, expect, it } from "vitest";
import { DATABASES } from "../helpers/databases.js";
import { DEMO_PATH, DEMO_SLUG, useDemoApp } from "./app.js";

for (const db of DATABASES)
  describe(`public pages on ${db.name}`, () => {
    const t = useDemoApp(db);

    it("the home page lists the reference article", async () => {
      const res = await t().app.inject("/");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/html; charset=utf-8/);
      expect(res.body).toContain(`href="${DEMO_PATH}"`);
      expect(res.body).toContain(
        "Trump Signals Possible U.S. Military Action Against Drug Cartels in Mexico",
      );
      expect(res.body).toContain("Zany Progressive");
    });

    it("the article page renders every element of the reference, in order", async () => {
      const res = await t().app.inject(DEMO_PATH);
      expect(res.statusCode).toBe(200);
      const markers = [
        "<h1",
        "President Trump signalled imminent land strikes",
        'alt="Serena Zehlius member of the Zany Progressive team"',
        'href="/authors/serena-zehlius"',
        "Min Read",
        'href="/sections/resist-hate"',
        "Why this matters…",
        "The cartels are running Mexico",
        "Sean Hannity",
        "Source: DRM News YouTube channel",
        "grave violation of our nation’s sovereignty",
        "I have to insert my own commentary here",
        'href="/trackers/criminals-pardoned-by-trump-this-term"',
        "Advertisement",
        'alt="National palace in mexico drug cartels in mexico"',
        "Eric Menjívar",
        'href="https://creativecommons.org/licenses/by-sa/2.0/"',
        "Total Views:",
        "Her love for animals is matched only by her commitment to human rights",
        "Leave a Comment",
      ];
      let at = -1;
      for (const marker of markers) {
        const found = res.body.indexOf(marker, at + 1);
        expect(found, `"${marker}" should follow the previous element`).toBeGreaterThan(at);
        at = found;
      }
    });

    it("the demo video has no address, so the page loads no player and names no video host", async () => {
      const res = await t().app.inject(DEMO_PATH);
      expect(res.body).not.toMatch(/<iframe/);
      expect(res.body).not.toMatch(/youtube(-nocookie)?\.com\/embed|ytimg\.com/);
    });

    it("answers a repeat visit with 304 when the page has not changed", async () => {
      const first = await t().app.inject(DEMO_PATH);
      const etag = first.headers.etag as string;
      expect(etag).toBeTruthy();
      expect(first.headers["cache-control"]).toMatch(/must-revalidate/);
      const again = await t().app.inject({ url: DEMO_PATH, headers: { "if-none-match": etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
    });

    it.each([
      ["/sections/resist-hate", "Resist Hate"],
      ["/authors/serena-zehlius", "When she’s not writing about politics"],
      ["/trackers/criminals-pardoned-by-trump-this-term", "Former President of Honduras"],
    ])("%s shows its page", async (url, text) => {
      const res = await t().app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(text);
    });

    it("the tracker page holds only what the article states", async () => {
      const res = await t().app.inject("/trackers/criminals-pardoned-by-trump-this-term");
      expect(res.body).toContain("45-year sentence for trafficking 400 tons of cocaine");
      expect(res.body).toMatch(/1 entry\b/);
    });

    it.each([
      "/articles/no-such-story",
      "/articles/NOT_A_SLUG",
      "/sections/nowhere",
      "/authors/nobody",
      "/trackers/nothing",
      "/page/2",
      "/no/such/page",
      "/media/missing.png",
    ])("%s is a 404 page in the site's layout", async (url) => {
      const res = await t().app.inject(url);
      expect(res.statusCode).toBe(404);
      if (!url.startsWith("/media/")) {
        expect(res.headers["content-type"]).toMatch(/text\/html/);
        expect(res.body).toContain("Zany Progressive");
      }
    });

    it("/page/1 redirects to the home page", async () => {
      const res = await t().app.inject("/page/1");
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe("/");
    });

    it("serves media files and assets", async () => {
      const image = await t().app.inject("/media/demo-national-palace-placeholder.svg");
      expect(image.statusCode).toBe(200);
      expect(image.headers["content-type"]).toMatch(/image\/svg\+xml/);
      const page = await t().app.inject(DEMO_PATH);
      const css = page.body.match(/href="(\/assets\/[^"]+\.css[^"]*)"/)?.[1];
      expect(css).toBeTruthy();
      const sheet = await t().app.inject(css as string);
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers["cache-control"]).toMatch(/immutable/);
    });

    it("reports the process's health without asking the database", async () => {
      const res = await t().app.inject("/healthz");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    });

    it("the article slug is the canonical link", async () => {
      const res = await t().app.inject(DEMO_PATH);
      expect(res.body).toContain(
        `<link rel="canonical" href="http://127.0.0.1:3000/articles/${DEMO_SLUG}"`,
      );
    });
  });
