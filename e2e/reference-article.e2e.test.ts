import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2E_TIMEOUT, useSiteAndBrowser } from "./helpers/fixture.js";
import { documentOrderProblems, visibleText } from "./helpers/page.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH } from "./helpers/server.js";

// The reference article of ../shared/reference/ELEMENTS.md, element by element, as a reader
// (and a screen reader) finds it: by role, accessible name and visible text, not by CSS classes.

const AVATAR_ALT = "Serena Zehlius member of the Zany Progressive team";
const TRACKER_TITLE = "List of Criminals Pardoned by Trump so Far This Term";

const env = useSiteAndBrowser();

describe("the reference article page", E2E_TIMEOUT, () => {
  let page: Page;
  let main: Locator;

  beforeAll(async () => {
    page = await env.browser.newPage();
    const response = await page.goto(env.site.url + REFERENCE_PATH);
    expect(response?.status()).toBe(200);
    main = page.locator("main");
  });
  afterAll(async () => {
    await page?.close();
  });

  // The byline has no landmark role of its own; its class is the one structural hook used.
  const byline = () => main.locator(".byline");
  const authorLink = () => byline().getByRole("link", { name: "Serena Zehlius", exact: true });
  const sectionLabel = () => main.getByRole("link", { name: /^(Section: )?Resist Hate$/ }).first();
  const quote = (text: string) =>
    main.locator("figure").filter({ has: page.locator("blockquote"), hasText: text });
  const video = () =>
    main.locator("figure").filter({ hasText: "Source: DRM News YouTube channel" });
  const commentary = () =>
    main.locator("aside").filter({ hasText: "I have to insert my own commentary here" });
  const ad = () => main.getByRole("complementary", { name: "Advertisement" });
  const image = () =>
    main.locator("figure").filter({
      has: page.getByRole("img", { name: "National palace in mexico drug cartels in mexico" }),
    });
  const field = (name: RegExp) => page.locator("#comments").getByRole("textbox", { name });

  it("shows every element of the reference article, in the reference order", async () => {
    const elements = [
      ["1 headline", main.getByRole("heading", { level: 1, name: REFERENCE_HEADLINE })],
      ["2 dek", main.getByText(/^President Trump signalled imminent land strikes on drug cartels/)],
      ["3 author avatar", main.getByRole("img", { name: AVATAR_ALT }).first()],
      ["4 byline name and role", byline().getByText(/By:\s*Serena Zehlius, Editor/)],
      ["4 byline bio excerpt", byline().getByText(/^Serena Zehlius is a passionate writer/)],
      ["5 reading time", main.getByText(/^\d+ Min Read$/)],
      ["6 section label", sectionLabel()],
      ["7 first paragraph", main.getByText(/^In a startling escalation of U\.S\. foreign policy/)],
      ["7 heading", main.getByRole("heading", { name: "Why this matters…" })],
      ["8 Hannity quote", quote("The cartels are running Mexico")],
      ["9 video", video()],
      ["10 Sheinbaum quote", quote("grave violation of our nation’s sovereignty")],
      ["11 commentary", commentary()],
      ["12 tracker link", main.getByRole("link", { name: TRACKER_TITLE })],
      ["13 advertisement", ad()],
      ["14 image", image()],
      ["15 total views", main.getByText(/Total Views:\s*\d+/)],
      ["16 author bio box", main.getByText(/you’ll find her advocating for a better world/)],
      ["17 comments", page.locator("#comments")],
    ] as const;
    expect(await documentOrderProblems(elements)).toEqual([]);
  });

  it("links the byline's name and bio excerpt to the author page, and the section label to the section page", async () => {
    expect(await authorLink().getAttribute("href")).toBe("/authors/serena-zehlius");
    const fullBio = byline().getByRole("link", { name: /bio/i });
    expect(await fullBio.getAttribute("href")).toBe("/authors/serena-zehlius");
    expect(await sectionLabel().getAttribute("href")).toBe("/sections/resist-hate");
  });

  it("gives only an excerpt of the bio in the byline and the full bio at the end", async () => {
    const excerpt = await visibleText(byline());
    expect(excerpt).not.toMatch(/advocating for a better world/);
    const box = await visibleText(main.getByText(/you’ll find her advocating for a better world/));
    expect(box).toMatch(/^Serena Zehlius is a passionate writer/);
  });

  it("attributes each quotation to its speaker", async () => {
    const hannity = await visibleText(quote("The cartels are running Mexico"));
    expect(hannity).toMatch(/Donald Trump/);
    expect(hannity).toMatch(/Hannity/);
    const sheinbaum = await visibleText(quote("grave violation"));
    expect(sheinbaum).toMatch(/Claudia Sheinbaum/);
  });

  it("shows the video's caption and source, and no play button since it has no address", async () => {
    const text = await visibleText(video());
    expect(text).toMatch(/Full remarks: mexican president rejects foreign/);
    expect(text).toMatch(/President Claudia Sheinbaum’s full remarks/);
    expect(await video().getByRole("button").count()).toBe(0);
    expect(await page.locator("iframe").count()).toBe(0);
  });

  it("sets the author's commentary apart, labelled as her opinion", async () => {
    expect(await commentary().getAttribute("aria-label")).toMatch(/opinion/i);
    expect(await visibleText(commentary())).toMatch(/opinion/i);
  });

  it("links the tracker to its own page", async () => {
    const link = main.getByRole("link", { name: TRACKER_TITLE });
    expect(await link.getAttribute("href")).toMatch(/^\/trackers\/[a-z0-9-]+$/);
  });

  it("labels the advertisement and reserves the slot's 300×250 space while it is empty", async () => {
    const slot = ad();
    // Styled in capitals, so the rendered text is compared without case.
    expect(await visibleText(slot)).toMatch(/advertisement/i);
    const box = await slot.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(250);
  });

  it("credits the image to its creator and links its license deed", async () => {
    const figure = image();
    const text = await visibleText(figure);
    expect(text).toMatch(/Balcony where the president of Mexico gives the annual Grito de Dolores/);
    expect(text).toMatch(/Eric Menjívar/);
    const license = figure.getByRole("link", { name: /CC BY-SA 2\.0/ });
    expect(await license.getAttribute("href")).toBe(
      "https://creativecommons.org/licenses/by-sa/2.0/",
    );
  });

  it("shows the view count and a comment form with labelled fields", async () => {
    expect(await visibleText(main.getByText(/Total Views:\s*\d+/))).toMatch(/Total Views: \d+/);
    const comments = page.locator("#comments");
    expect(await comments.getByRole("heading", { name: "Leave a Comment" }).count()).toBe(1);
    for (const name of [/^Name$/, /^Email\b/, /^Comment$/])
      expect(await field(name).count()).toBe(1);
  });
});
