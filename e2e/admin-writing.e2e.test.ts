import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteArticle, getArticleBySlug } from "../src/store/index.js";
import { EDITOR, localDateTime, makePng, screenshot, signIn } from "./helpers/admin.js";
import { useSiteAndBrowser } from "./helpers/fixture.js";
import { documentOrderProblems, visibleText } from "./helpers/page.js";
import { REFERENCE_HEADLINE, REFERENCE_PATH, REFERENCE_SLUG } from "./helpers/server.js";

// The story of the newsroom issue: an editor writes the reference article
// (../shared/reference/ELEMENTS.md) from scratch in the block editor, with every block type,
// uploads its photo with the license credit, schedules it, and readers find it on the site
// once the scheduler has published it. The demo's own copy is removed first, so the one on the
// site at the end is the one written here.

const DEK =
  "President Trump signalled imminent land strikes on drug cartels in Mexico on Thursday, which would be further escalation of his campaign against alleged narco-terrorists.";
const P1 =
  "In a startling escalation of U.S. foreign policy, former President Donald Trump suggested that the United States could soon deploy its military against drug cartels in Mexico.";
const HANNITY =
  "The cartels are running Mexico — it’s very, very sad to watch. And we are going to start now hitting land with regard to the cartels.";
const SHEINBAUM =
  "Any unilateral military action by the United States would be a grave violation of our nation’s sovereignty.";
const VIDEO_TITLE =
  "Full remarks: mexican president rejects foreign intervention, emphasizes coordination with us | 6c1n";
const VIDEO_CAPTION =
  "President Claudia Sheinbaum’s full remarks in response to Trump’s suggestion of the U.S. Military taking on the drug cartels in Mexcico";
const COMMENTARY_REST =
  " gives users honest, fact-based news. The previous statement may have come from a reputable news organization and a well-known, respected political analyst, but that doesn’t make it a “fact.” I have to insert my own commentary here: If Trump truly cared about drugs trafficked into the U.S., he would not have pardoned the former Honduran President, a man who was serving a 45-year sentence for trafficking 400 tons of cocaine into our country.";
const META_DESCRIPTION =
  "What Trump said about strikes on Mexico's cartels, and what it would take.";
const TRACKER_TITLE = "List of Criminals Pardoned by Trump so Far This Term";
const TRACKER_INTRO =
  "We have a growing list of every person President Trump pardoned that includes why they were in prison. It’s shocking to see the number of pardons that never made it into the news.";
const IMAGE_ALT = "National palace in mexico drug cartels in mexico";
const IMAGE_CAPTION =
  "Balcony where the president of Mexico gives the annual Grito de Dolores on Independence Day and the bell from the church in Dolores Hidalgo, Guanajuato";
const AVATAR_ALT = "Serena Zehlius member of the Zany Progressive team";

const env = useSiteAndBrowser({
  users: [EDITOR],
  seed: async (store) => {
    const demo = await getArticleBySlug(store, REFERENCE_SLUG);
    if (demo) await deleteArticle(store, demo.id);
  },
});

/** Long enough to type an article, wait for the scheduler (every 5 s) and check the page. */
const STORY_TIMEOUT = { timeout: 180_000 } as const;

describe("an editor writes, schedules and publishes the reference article", STORY_TIMEOUT, () => {
  let page: Page;
  let body: Locator;
  let articleUrl = "";

  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    body = page.getByRole("textbox", { name: "Article body" });
  });
  afterAll(async () => {
    await page?.close();
  });

  const type = (text: string) => page.keyboard.insertText(text);
  const press = (key: string) => page.keyboard.press(key);
  /** Puts the caret at the very end of the body (always a paragraph), to carry on writing. */
  const continueAtEnd = async () => {
    await body.locator(":scope > p").last().click();
    await press("Control+End");
  };
  /** Inserts a block with the slash menu at the caret, as a writer types it. */
  const slash = async (command: string) => {
    await page.keyboard.type(`/${command}`);
    await page.getByRole("listbox", { name: "Insert block" }).waitFor();
    await press("Enter");
  };
  const lastBlock = (name: string) => body.locator(`[data-block="${name}"]`).last();
  /** Selects `words`, just typed before the caret, with the keyboard and links them. */
  const linkLast = async (words: string, href: string) => {
    // On a loaded machine the editor can still be taking in the last keys typed and put the
    // caret back while the selection is being made: select again until the words are selected.
    for (let attempt = 1; ; attempt++) {
      for (let i = 0; i < words.length; i++) await press("Shift+ArrowLeft");
      await page.waitForTimeout(100);
      const selected = await page.evaluate(() => window.getSelection()?.toString());
      if (selected === words || attempt === 3) break;
      await press("ArrowRight");
    }
    await press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Add link" });
    await dialog.getByLabel("Address").fill(href);
    await dialog.getByRole("button", { name: "Add link" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.activeElement?.classList.contains("ProseMirror"));
    // Collapses the selection to its end, after the link.
    await press("ArrowRight");
  };

  it("writes headline, dek and a body with every block type, and saves it by itself", async () => {
    await signIn(page, env.site.url, EDITOR);
    await page.getByRole("link", { name: "New article" }).click();
    await page.getByLabel("Headline", { exact: true }).fill(REFERENCE_HEADLINE);
    await page.getByLabel(/^Dek/).fill(DEK);
    // No section is preselected for a new article (issue 14): the writer chooses one.
    await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
    // The address the demo used ("us", where the headline-made one would say "u-s").
    await page.getByLabel("Web address").fill(REFERENCE_SLUG);

    await body.click();
    await type(P1);
    await press("Enter");
    // Inline marks with the keyboard shortcuts.
    await type("Speaking on ");
    await press("Control+i");
    await type("Fox News");
    await press("Control+i");
    await type(
      " this week, Trump said U.S. forces have already disrupted “about 97%” of drug trafficking by sea and that the next phase of his strategy would involve hitting drug cartels in Mexico with operations ",
    );
    await press("Control+b");
    await type("“on land”");
    await press("Control+b");
    await type(
      " — comments that have galvanized both U.S. and Mexican political leaders and raised questions about national sovereignty and regional stability.",
    );
    await press("Enter");
    await slash("heading");
    await type("Why this matters…");
    await press("Enter");
    await type(
      "This moment matters because it hinges on two core principles at the heart of U.S.–Mexico relations: security cooperation and national sovereignty, as ",
    );
    // Words to select are typed key by key: text inserted in one go is handed to the editor as
    // an input-method composition, which the selection keys right after it could overtake.
    await page.keyboard.type("international law");
    await linkLast("international law", "https://www.un.org/en/about-us/un-charter");
    await type(" frames them.");
    await press("Enter");

    // First quotation: Enter in the quoted words moves on to the next paragraph.
    await slash("quote");
    await type(HANNITY);
    await press("Enter");
    await type(
      "Mexico’s President Claudia Sheinbaum responded immediately, emphasizing that any U.S. military incursion would violate Mexican sovereignty.",
    );
    const hannity = body.locator('[data-block="quote"]').first();
    await hannity.getByLabel("Speaker").fill("Donald Trump");
    await hannity.getByLabel("Setting").fill("to Sean Hannity, Fox News");

    // The video: a pasted address gives provider and id.
    await continueAtEnd();
    await press("Enter");
    await slash("video");
    const video = lastBlock("video");
    await video.getByLabel("Video address or ID").fill("https://youtu.be/dQw4w9WgXcQ");
    expect(await video.getByLabel("Provider").inputValue()).toBe("youtube");
    await video.getByLabel("Title").fill(VIDEO_TITLE);
    await video.locator(".caption-text").click();
    await type(VIDEO_CAPTION);
    await video.getByLabel(/^Source \(/).fill("DRM News YouTube channel");

    await continueAtEnd();
    await type(
      "Sheinbaum highlighted progress in Mexico’s own security strategy, noting a reported 40 percent drop in homicides since she took office.",
    );
    await press("Enter");
    await slash("quote");
    await type(SHEINBAUM);
    const sheinbaum = lastBlock("quote");
    await sheinbaum.getByLabel("Speaker").fill("Claudia Sheinbaum");
    await sheinbaum.getByLabel("Setting").fill("President of Mexico, reiterating her position");

    // Commentary: the author's opinion, with a link made with Ctrl+K.
    await continueAtEnd();
    await slash("commentary");
    await page.keyboard.type("Resist Hate");
    await linkLast("Resist Hate", "/sections/resist-hate");
    await type(COMMENTARY_REST);
    const commentaryHtml = await lastBlock("commentary").locator(".commentary-text").innerHTML();
    expect(await lastBlock("commentary").locator("a").textContent(), commentaryHtml).toBe(
      "Resist Hate",
    );
    expect(await visibleText(lastBlock("commentary"))).toMatch(/Commentary — the author’s opinion/);

    // Tracker reference, then an ad slot with the size presets.
    await continueAtEnd();
    await slash("tracker");
    const tracker = lastBlock("tracker");
    await tracker
      .getByRole("combobox", { name: /^Tracker/ })
      .selectOption({ label: `${TRACKER_TITLE} (1 entry)` });
    await tracker.locator(".intro-text").click();
    await type(TRACKER_INTRO);
    await continueAtEnd();
    await slash("ad");
    const ad = lastBlock("ad");
    expect(await ad.getByLabel("Size").inputValue()).toBe("300x250");
    expect(await ad.getByLabel("Slot name").inputValue()).toBe("in-article");

    await continueAtEnd();
    await type(
      "Under international law and long-standing norms of state sovereignty, military action inside another nation’s borders requires explicit consent from that nation.",
    );
    await press("Enter");

    // The photo: uploaded from the picker, with its alt text and license credit.
    await slash("image");
    const picker = page.getByRole("dialog", { name: "Choose an image" });
    await picker.getByRole("tab", { name: "Upload new" }).click();
    await picker.getByLabel("Image file").setInputFiles({
      name: "palacio-nacional.png",
      mimeType: "image/png",
      buffer: await makePng(),
    });
    await picker.getByLabel("Alt text").fill(IMAGE_ALT);
    await picker.getByLabel("License").selectOption({ label: "CC BY-SA 2.0" });
    const warning = picker.getByText(/CC BY-SA 2\.0 requires attribution/);
    expect(await warning.isVisible()).toBe(true);
    await screenshot(page, "upload-credit-warning", { whole: false });
    await picker.getByLabel("Creator").fill("Eric Menjívar");
    await picker.getByLabel(/^Source \(/).fill("Flickr");
    expect(await warning.count()).toBe(0);
    await picker.getByRole("button", { name: "Upload image" }).click();
    await picker.waitFor({ state: "detached" });
    const image = lastBlock("image");
    await image.locator("img").waitFor();
    expect(await image.getByLabel("Alt text").inputValue()).toBe(IMAGE_ALT);
    expect(await visibleText(image)).toMatch(/Eric Menjívar \/ Flickr, CC BY-SA 2\.0/);
    // The caret is in the caption.
    await type(IMAGE_CAPTION);

    await continueAtEnd();
    await slash("divider");
    await type(
      "As this story continues to evolve, the next steps will be closely watched by Congress in Washington D.C. and the presidential palace in Mexico City.",
    );

    await page.getByText(/^Saved at/).waitFor({ timeout: 15_000 });
    articleUrl = page.url();
    expect(articleUrl).toMatch(/\/admin\/articles\/[0-9a-f-]{36}$/);
    await screenshot(page, "editor");
  });

  it("keeps what was written when the article is opened again", async () => {
    await page.reload();
    await body.waitFor();
    expect(await page.getByLabel("Headline", { exact: true }).inputValue()).toBe(
      REFERENCE_HEADLINE,
    );
    for (const name of ["quote", "video", "commentary", "tracker", "ad", "image"])
      expect(await body.locator(`[data-block="${name}"]`).count()).toBeGreaterThan(0);
    expect(await body.locator("hr").count()).toBe(1);
    expect(await visibleText(body.locator("h2"))).toBe("Why this matters…");
    expect(await body.locator("em", { hasText: "Fox News" }).count()).toBe(1);
    expect(await body.locator("strong", { hasText: "“on land”" }).count()).toBe(1);
  });

  it("saves a meta description typed in Search and sharing", async () => {
    await page.getByText("Search and sharing", { exact: true }).click();
    const description = page.getByLabel(/^Meta description/);
    expect(await description.getAttribute("placeholder")).toBe(DEK);
    const saved = page.waitForResponse(
      (r) => r.request().method() === "PUT" && /\/articles\/[0-9a-f-]{36}$/.test(r.url()),
      { timeout: 15_000 },
    );
    await description.fill(META_DESCRIPTION);
    expect((await saved).status()).toBe(200);
    await page.reload();
    await body.waitFor();
    expect(await page.getByLabel(/^Meta description/).inputValue()).toBe(META_DESCRIPTION);
  });

  it("schedules it a few seconds ahead; the site shows it only once the time has come", async () => {
    await page.getByRole("button", { name: "Publish…" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish" });
    await dialog.getByLabel(/At a set time/).check();
    // The pre-publish checklist: the reference article has no featured image, a warning the
    // editor overrides with a reason (each warning listed, whatever it is).
    await dialog.locator(".checklist, .checklist-clear").first().waitFor();
    const warnings = dialog.locator(".checklist-warning");
    for (let i = 0; i < (await warnings.count()); i++) {
      await warnings.nth(i).getByLabel("Override").check();
      await warnings.nth(i).getByLabel("Reason").fill("Reviewed at the desk");
    }
    await dialog.getByLabel("Publish at").fill(localDateTime(new Date(Date.now() + 8_000)));
    await dialog.getByRole("button", { name: "Schedule" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.locator(".editor-topbar").getByText("Scheduled", { exact: true }).waitFor();

    expect((await fetch(env.site.url + REFERENCE_PATH)).status).toBe(404);
    let status = 404;
    const deadline = Date.now() + 60_000;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      status = (await fetch(env.site.url + REFERENCE_PATH)).status;
    }
    expect(status).toBe(200);
  });

  it("shows every element of the reference article on the public page, in order", async () => {
    const reader = await env.browser.newPage();
    try {
      await reader.goto(env.site.url + REFERENCE_PATH);
      const main = reader.locator("main");
      const quote = (text: string) =>
        main.locator("figure").filter({ has: reader.locator("blockquote"), hasText: text });
      const elements = [
        ["1 headline", main.getByRole("heading", { level: 1, name: REFERENCE_HEADLINE })],
        ["2 dek", main.getByText(/^President Trump signalled imminent land strikes/)],
        ["3 author avatar", main.getByRole("img", { name: AVATAR_ALT }).first()],
        ["4 byline", main.locator(".byline").getByText(/By:\s*Serena Zehlius, Editor/)],
        ["5 reading time", main.getByText(/^\d+ Min Read$/)],
        ["6 section label", main.getByRole("link", { name: /^(Section: )?Resist Hate$/ }).first()],
        [
          "7 first paragraph",
          main.getByText(/^In a startling escalation of U\.S\. foreign policy/),
        ],
        ["7 heading", main.getByRole("heading", { name: "Why this matters…" })],
        ["8 Hannity quote", quote("The cartels are running Mexico")],
        ["9 video", main.locator("figure").filter({ hasText: "Source: DRM News YouTube channel" })],
        ["10 Sheinbaum quote", quote("grave violation of our nation’s sovereignty")],
        [
          "11 commentary",
          main.locator("aside").filter({ hasText: "I have to insert my own commentary here" }),
        ],
        ["12 tracker link", main.getByRole("link", { name: TRACKER_TITLE })],
        ["13 advertisement", main.getByRole("complementary", { name: "Advertisement" })],
        [
          "14 image",
          main.locator("figure").filter({ has: reader.getByRole("img", { name: IMAGE_ALT }) }),
        ],
        ["15 total views", main.getByText(/Total Views:\s*\d+/)],
        ["16 author bio box", main.getByText(/you’ll find her advocating for a better world/)],
        ["17 comments", reader.locator("#comments")],
      ] as const;
      expect(await documentOrderProblems(elements)).toEqual([]);
      expect(await reader.locator('meta[name="description"]').getAttribute("content")).toBe(
        META_DESCRIPTION,
      );

      expect(await visibleText(quote("The cartels are running Mexico"))).toMatch(
        /Donald Trump[\s\S]*Hannity/,
      );
      expect(await visibleText(quote("grave violation"))).toMatch(/Claudia Sheinbaum/);
      const commentary = main
        .locator("aside")
        .filter({ hasText: "I have to insert my own commentary" });
      expect(await commentary.getAttribute("aria-label")).toMatch(/opinion/i);
      expect(await commentary.getByRole("link", { name: "Resist Hate" }).getAttribute("href")).toBe(
        "/sections/resist-hate",
      );
      const linked = main.locator("p").filter({ hasText: "This moment matters" });
      const html = await linked.innerHTML();
      expect(await linked.locator("a").count(), html).toBe(1);
      expect(await linked.locator("a").textContent(), html).toBe("international law");
      expect(
        await linked.getByRole("link", { name: "international law" }).getAttribute("href"),
      ).toBe("https://www.un.org/en/about-us/un-charter");
      expect(await main.locator("p em", { hasText: "Fox News" }).count()).toBe(1);
      expect(await main.locator("p strong", { hasText: "“on land”" }).count()).toBe(1);
      // The video sits behind the click-to-play facade: nothing from YouTube until asked.
      expect(await reader.locator("iframe").count()).toBe(0);
      expect(await main.getByRole("button", { name: `Play video: ${VIDEO_TITLE}` }).count()).toBe(
        1,
      );
      const figure = main
        .locator("figure")
        .filter({ has: reader.getByRole("img", { name: IMAGE_ALT }) });
      const credit = await visibleText(figure);
      expect(credit).toMatch(
        /Balcony where the president of Mexico gives the annual Grito de Dolores/,
      );
      expect(credit).toMatch(/Eric Menjívar/);
      expect(await figure.getByRole("link", { name: /CC BY-SA 2\.0/ }).getAttribute("href")).toBe(
        "https://creativecommons.org/licenses/by-sa/2.0/",
      );
      const adBox = await main.getByRole("complementary", { name: "Advertisement" }).boundingBox();
      expect(adBox?.height ?? 0).toBeGreaterThanOrEqual(250);
      expect(await main.locator("hr").count()).toBeGreaterThanOrEqual(1);
    } finally {
      await reader.close();
    }
  });

  it("lists the article as published, and the editor offers to unpublish it", async () => {
    await page.reload();
    await page.locator(".editor-topbar").getByText("Published", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Unpublish" }).count()).toBe(1);
    await page.getByRole("link", { name: "Articles" }).first().click();
    const row = page.getByRole("row").filter({ hasText: REFERENCE_HEADLINE });
    await row.waitFor();
    expect(await visibleText(row)).toMatch(/Published/);
    await screenshot(page, "articles");
  });
});
