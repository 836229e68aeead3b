import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CAPTIONS_VTT,
  CLIP_DURATION_MS,
  clipWithLocation,
  onePagePdf,
  wavTone,
} from "../test/fixtures/media-files.js";
import { apiSession, EDITOR, makePng, signIn } from "./helpers/admin.js";
import { E2E_TIMEOUT, openDesktopPage, useSiteAndBrowser } from "./helpers/fixture.js";
import { visibleText } from "./helpers/page.js";
import { E2E_DATABASES } from "./helpers/server.js";

// Issue 14, item 5: an editor inserts a gallery (a picture's caption in italic), a sound file, a
// video file and a PDF document from the slash menu (uploading each through the picker), the
// article is published, and each block is on the public page, in the feed and found by the
// site's search; the sound file then seeks in Chromium, fetched with Range requests, and the
// video file (stored without its tags) plays and seeks.

const HEADLINE = "Browser test: the council's budget hearing";
const SLUG = "e2e-media-blocks";
const TRANSCRIPT = "The treasurer opened the hearing with the zebrafinch motion.";
const SOUND_TITLE = "Hearing recording";
// The video file: uploaded with a GPS position and an author in its tags, which the server
// drops (ffmpeg remuxes it, index first), and played and seeked on the public page.
const VIDEO_TITLE = "The vote, filmed from the gallery";
const VIDEO_TRANSCRIPT = "A tone sounds as the chair calls the vote.";
const DOCUMENT_TITLE = "Budget minutes";
const GALLERY_CAPTION = "Scenes from the hearing";
const PICTURE_CAPTION_ITALIC = "press box";

describe.each(E2E_DATABASES)("media blocks (%s)", (database) => {
  const env = useSiteAndBrowser({ users: [EDITOR], database });
  let page: Page;
  beforeAll(async () => {
    page = await openDesktopPage(env.browser);
    await signIn(page, env.site.url, EDITOR);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  const body = () => page.locator(".ProseMirror");
  const slash = async (command: string) => {
    await page.keyboard.type(`/${command}`);
    await page.getByRole("listbox", { name: "Insert block" }).waitFor();
    await page.keyboard.press("Enter");
  };
  const continueAtEnd = async () => {
    await body().locator(":scope > p").last().click();
    await page.keyboard.press("Control+End");
  };
  /** Uploads a file in the open picker and uses it. */
  const uploadInPicker = async (
    title: string,
    file: { name: string; mimeType: string; buffer: Buffer },
    alt?: string,
  ) => {
    const picker = page.getByRole("dialog", { name: title });
    await picker.getByRole("tab", { name: "Upload new" }).click();
    await picker.getByLabel(/^(Image file|File)$/).setInputFiles(file);
    if (alt) await picker.getByLabel("Alt text").fill(alt);
    await picker.getByRole("button", { name: /^Upload (image|file)$/ }).click();
    await picker.waitFor({ state: "detached" });
  };

  it("inserts a gallery, audio, video file and document, and publishes them", {
    timeout: 180_000,
  }, async () => {
    await page.getByRole("link", { name: "New article" }).click();
    await page.getByLabel("Headline", { exact: true }).fill(HEADLINE);
    await page.getByLabel("Section", { exact: true }).selectOption({ label: "Resist Hate" });
    await page.getByLabel("Web address").fill(SLUG);
    await body().click();
    await page.keyboard.insertText("The hearing lasted four hours.");
    await page.keyboard.press("Enter");

    await slash("gallery");
    await uploadInPicker(
      "Choose an image",
      { name: "a.png", mimeType: "image/png", buffer: await makePng(640, 480) },
      "Councillors at the table",
    );
    const gallery = body().locator('[data-block="gallery"]').last();
    await gallery.getByRole("button", { name: "Add an image to the gallery" }).click();
    await uploadInPicker(
      "Choose an image",
      { name: "b.png", mimeType: "image/png", buffer: await makePng(480, 640) },
      "The public gallery",
    );
    await gallery.getByLabel("Image 2: alt text").waitFor();
    await gallery.getByRole("button", { name: "Move image 2 earlier" }).click();
    expect(await gallery.getByLabel("Image 1: alt text").inputValue()).toBe("The public gallery");
    // A picture's caption takes the image caption's marks (italic here), as the set's does.
    await gallery.locator(".gallery-editor-item").first().locator(".caption-text").click();
    await page.keyboard.insertText("Seen from the ");
    await page.keyboard.press("Control+i");
    await page.keyboard.insertText(PICTURE_CAPTION_ITALIC);
    await page.keyboard.press("Control+i");
    await gallery.locator(".gallery-set-caption .caption-text").click();
    await page.keyboard.insertText(GALLERY_CAPTION);

    await continueAtEnd();
    await slash("audio");
    await uploadInPicker("Choose a sound file", {
      name: "hearing.mp3", // the name says MP3; the bytes are WAV, which is what counts
      mimeType: "audio/mpeg",
      buffer: wavTone(6),
    });
    const audio = body().locator('[data-block="audio"]').last();
    await audio.getByLabel("Title").fill(SOUND_TITLE);
    await audio.getByLabel(/^Transcript/).fill(TRANSCRIPT);

    await continueAtEnd();
    await slash("mp4");
    await page.getByRole("dialog", { name: "Choose a video file" }).waitFor();
    // No video in the library yet: the picker lists none of another kind.
    await page.getByText("The library has none of these yet.").waitFor();
    await uploadInPicker("Choose a video file", {
      name: "VID_0001.mp4",
      mimeType: "video/mp4",
      buffer: await clipWithLocation(),
    });
    const video = body().locator('[data-block="videoFile"]').last();
    await video.getByLabel("Title").fill(VIDEO_TITLE);
    await video.getByRole("button", { name: "Add captions" }).click();
    await uploadInPicker("Choose a captions file (WebVTT)", {
      name: "vote.vtt",
      mimeType: "text/vtt",
      buffer: CAPTIONS_VTT,
    });
    await video.getByRole("button", { name: "Replace captions" }).waitFor();
    await video.getByLabel(/^Transcript/).fill(VIDEO_TRANSCRIPT);

    await continueAtEnd();
    await slash("document");
    await uploadInPicker("Choose a PDF document", {
      name: "minutes.pdf",
      mimeType: "application/pdf",
      buffer: onePagePdf("Budget minutes"),
    });
    const doc = body().locator('[data-block="document"]').last();
    await doc.getByLabel("Title").fill(DOCUMENT_TITLE);
    await doc.locator("img").waitFor();

    await page.getByText(/^(Saved at|All changes saved)/).waitFor({ timeout: 30_000 });
    const id = new URL(page.url()).pathname.split("/").pop() as string;
    // Published through the API: the publish dialog is another part of this issue.
    const session = await apiSession(env.site.url, EDITOR);
    const read = await fetch(`${env.site.url}/api/admin/v1/articles/${id}`, session);
    const { version } = (await read.json()) as { version: number };
    const moved = await fetch(`${env.site.url}/api/admin/v1/articles/${id}/transitions`, {
      method: "POST",
      headers: session.headers,
      body: JSON.stringify({ to: "published", version }),
    });
    expect(moved.status, await moved.text()).toBe(200);
  });

  it("shows each block on the public page, in the feed and in search", E2E_TIMEOUT, async () => {
    await page.goto(`${env.site.url}/articles/${SLUG}`);
    const gallery = page.locator("figure.gallery");
    expect(await gallery.locator("img").count()).toBe(2);
    expect(await gallery.locator("img").first().getAttribute("alt")).toBe("The public gallery");
    expect(await gallery.textContent()).toContain(GALLERY_CAPTION);
    const firstCaption = gallery.locator(".gallery-item").first().locator(".caption");
    expect(await visibleText(firstCaption)).toBe(`Seen from the ${PICTURE_CAPTION_ITALIC}`);
    expect(await visibleText(firstCaption.locator("em"))).toBe(PICTURE_CAPTION_ITALIC);
    expect(await page.locator("figure.audio audio").count()).toBe(1);
    expect(await page.locator("figure.audio").textContent()).toContain(SOUND_TITLE);
    const docLink = page.locator("figure.document a.document-link");
    expect(await docLink.getAttribute("href")).toMatch(/^\/media\/[0-9a-f-]+\.pdf$/);
    expect(await docLink.locator("img").count()).toBe(1);
    const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
    const types = ld.join(" ");
    for (const t of ["ImageGallery", "AudioObject", "VideoObject", "DigitalDocument"])
      expect(types).toContain(t);
    const nodes = ld.flatMap((text) => (JSON.parse(text) as { hasPart?: unknown[] }).hasPart ?? []);
    expect(nodes).toContainEqual(
      expect.objectContaining({ "@type": "VideoObject", name: VIDEO_TITLE, duration: "PT2S" }),
    );
    const videoFigure = page.locator("figure.video-file");
    expect(await visibleText(videoFigure.locator(".media-file-title"))).toBe(VIDEO_TITLE);
    expect(await videoFigure.locator("video track[kind=captions]").count()).toBe(1);

    const feed = await (await fetch(`${env.site.url}/feed.xml`)).text();
    expect(feed).toContain(SOUND_TITLE);
    expect(feed).toContain(DOCUMENT_TITLE);
    expect(feed).toContain(GALLERY_CAPTION);
    expect(feed).toContain(`Seen from the <em>${PICTURE_CAPTION_ITALIC}</em>`);

    await page.goto(`${env.site.url}/search?q=zebrafinch`);
    expect(await page.getByRole("link", { name: HEADLINE }).count()).toBeGreaterThan(0);
  });

  it("seeks the sound file in Chromium, fetched with Range requests", E2E_TIMEOUT, async () => {
    const ranges: number[] = [];
    page.on("response", (res) => {
      if (/\/media\/[0-9a-f-]+\.wav$/.test(res.url())) ranges.push(res.status());
    });
    await page.goto(`${env.site.url}/articles/${SLUG}`);
    const reached = await page.evaluate(async () => {
      const audio = document.querySelector("figure.audio audio") as HTMLAudioElement;
      audio.muted = true; // playback without a user gesture is allowed muted
      await new Promise((resolve) => {
        if (audio.readyState >= 1) resolve(null);
        else audio.addEventListener("loadedmetadata", resolve, { once: true });
      });
      audio.currentTime = 4;
      await new Promise((resolve) => audio.addEventListener("seeked", resolve, { once: true }));
      await audio.play();
      await new Promise<void>((resolve) => {
        const check = () => (audio.currentTime > 4.2 ? resolve() : undefined);
        audio.addEventListener("timeupdate", check);
      });
      return { at: audio.currentTime, duration: audio.duration };
    });
    expect(reached.duration).toBeCloseTo(6, 0);
    expect(reached.at).toBeGreaterThan(4);
    expect(ranges).toContain(206);
  });

  it("plays and seeks the video file, and the library shows its length", E2E_TIMEOUT, async () => {
    await page.goto(`${env.site.url}/articles/${SLUG}`);
    const video = await page.evaluate(async () => {
      const el = document.querySelector("figure.video-file video") as HTMLVideoElement;
      el.muted = true;
      await new Promise((resolve) => {
        if (el.readyState >= 1) resolve(null);
        else el.addEventListener("loadedmetadata", resolve, { once: true });
      });
      const loaded = { readyState: el.readyState, duration: el.duration };
      el.currentTime = 1.5;
      await new Promise((resolve) => el.addEventListener("seeked", resolve, { once: true }));
      return { ...loaded, at: el.currentTime, error: el.error?.code ?? null };
    });
    expect(video.error).toBeNull();
    expect(video.readyState).toBeGreaterThanOrEqual(1);
    expect(video.duration).toBeCloseTo(CLIP_DURATION_MS / 1000, 1);
    expect(video.at).toBeCloseTo(1.5, 1);

    // The library's tile says how long it plays.
    await page.goto(`${env.site.url}/admin/media`);
    const tile = page.locator(".media-tile-file", { hasText: "video/mp4" });
    expect(await visibleText(tile)).toBe("video/mp4 · 0:02");
  });
});
