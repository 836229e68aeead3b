// The sound and video nodes of an article's JSON-LD carry the duration measured at upload, as
// ISO 8601; files measured before durations were recorded simply have none.
import { describe, expect, it } from "vitest";
import type { MediaItem } from "../../src/content/index.js";
import { blockMediaJsonLd } from "../../src/site/seo/block-media.js";
import { isoDuration } from "../../src/site/seo/dates.js";

const BASE = "https://news.example";
const PUBLISHED = "2026-03-01T10:00:00.000Z";
const clip = (durationMs?: number): MediaItem => ({
  id: "m1",
  storageKey: "0b6c2d1e-8c1a-4a57-9d1e-2f1b7a6c5d4e.mp4",
  mimeType: "video/mp4",
  width: 0,
  height: 0,
  alt: "",
  description: "",
  credit: { creator: "", sourceName: "", license: "all-rights-reserved" },
  ...(durationMs === undefined ? {} : { durationMs }),
});
const body = [{ type: "video-file", mediaId: "m1", title: "At the hearing" }];

describe("isoDuration", () => {
  it.each([
    [0, "PT0S"],
    [2000, "PT2S"],
    [2021, "PT2.021S"],
    [62_500, "PT1M2.5S"],
    [3_600_000, "PT1H"],
    [3_723_000, "PT1H2M3S"],
  ])("%i ms is %s", (ms, iso) => {
    expect(isoDuration(ms)).toBe(iso);
  });
});

describe("blockMediaJsonLd", () => {
  it("gives a video file its duration", () => {
    const [node] = blockMediaJsonLd(BASE, body, { m1: clip(2000) }, PUBLISHED);
    expect(node).toMatchObject({
      "@type": "VideoObject",
      name: "At the hearing",
      duration: "PT2S",
    });
  });

  it("leaves the duration out when the file was never measured", () => {
    const [node] = blockMediaJsonLd(BASE, body, { m1: clip() }, PUBLISHED);
    expect(node).not.toHaveProperty("duration");
  });
});
