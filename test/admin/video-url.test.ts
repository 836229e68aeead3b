import { describe, expect, it } from "vitest";
import { parseVideoInput } from "../../src/admin/editor/video-url.js";

describe("reading a pasted video address", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc", "dQw4w9WgXcQ"],
    ["youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"],
    ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"],
  ])("finds the YouTube id in %s", (input, id) => {
    expect(parseVideoInput(input)).toMatchObject({ provider: "youtube", videoId: id });
  });

  it.each([
    ["https://vimeo.com/76979871", "76979871"],
    ["https://player.vimeo.com/video/76979871?h=abc", "76979871"],
    ["https://vimeo.com/channels/staffpicks/76979871", "76979871"],
  ])("finds the Vimeo id in %s", (input, id) => {
    expect(parseVideoInput(input)).toMatchObject({ provider: "vimeo", videoId: id });
  });

  it("keeps the address, upgraded to https, since the block accepts only https", () => {
    expect(parseVideoInput("http://youtu.be/dQw4w9WgXcQ")?.url).toBe(
      "https://youtu.be/dQw4w9WgXcQ",
    );
  });

  it("treats another https address as an 'other' video with that address", () => {
    expect(parseVideoInput("https://video.example.org/v/123")).toEqual({
      provider: "other",
      url: "https://video.example.org/v/123",
    });
  });

  it("reads a bare id as an id of the chosen provider", () => {
    expect(parseVideoInput("dQw4w9WgXcQ", "youtube")).toEqual({
      provider: "youtube",
      videoId: "dQw4w9WgXcQ",
    });
    expect(parseVideoInput("76979871", "vimeo")).toEqual({
      provider: "vimeo",
      videoId: "76979871",
    });
  });

  it("refuses text that is neither an address nor an id", () => {
    expect(parseVideoInput("")).toBeNull();
    expect(parseVideoInput("not a video at all")).toBeNull();
    expect(parseVideoInput("javascript:alert(1)")).toBeNull();
    expect(parseVideoInput("ftp://example.org/v.mp4")).toBeNull();
  });
});
