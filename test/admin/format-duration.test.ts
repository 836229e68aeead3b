// How long a sound or video file plays, as the media library's tiles show it.
import { describe, expect, it } from "vitest";
import { fileTileLabel, formatDuration } from "../../src/admin/lib/format.js";

describe("formatDuration", () => {
  it.each([
    [0, "0:00"],
    [2000, "0:02"],
    [2499, "0:02"],
    [754_000, "12:34"],
    [3_723_000, "1:02:03"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("fileTileLabel", () => {
  it("adds the duration to the type when it is known", () => {
    expect(fileTileLabel({ mimeType: "video/mp4", durationMs: 2000 })).toBe("video/mp4 · 0:02");
    expect(fileTileLabel({ mimeType: "text/vtt", durationMs: null })).toBe("text/vtt");
  });
});
