// The media library's blocks beyond the image, as the domain sees them: the gallery's limit,
// the text search indexes, the media they use; and telling files apart by their first bytes.
import { describe, expect, it } from "vitest";
import { BlockSchema, blockText, GALLERY_MAX_IMAGES, mediaIdsOf } from "../../src/content/index.js";
import { articlePlainText } from "../../src/content/plain-text.js";
import { sniffFile } from "../../src/media/sniff-file.js";
import { CAPTIONS_VTT, onePagePdf, wavTone } from "../fixtures/media-files.js";

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const gallery = (n: number) => ({
  type: "gallery",
  images: Array.from({ length: n }, (_, i) => ({ mediaId: ID(i), alt: `Picture ${i}` })),
});

describe("gallery", () => {
  it(`takes up to ${GALLERY_MAX_IMAGES} images and refuses 500 with the limit and what to do`, () => {
    expect(BlockSchema.safeParse(gallery(GALLERY_MAX_IMAGES)).success).toBe(true);
    const refused = BlockSchema.safeParse(gallery(500));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(
      "a gallery holds at most 100 images; split a longer series into several galleries",
    );
  });

  it("needs at least one image, each with alt text", () => {
    expect(BlockSchema.safeParse(gallery(0)).success).toBe(false);
    const noAlt = { type: "gallery", images: [{ mediaId: ID(1), alt: "" }] };
    expect(BlockSchema.safeParse(noAlt).error?.issues[0]?.path).toEqual(["images", 0, "alt"]);
  });
});

describe("search text and media used", () => {
  const body = BlockSchema.array().parse([
    {
      type: "gallery",
      images: [
        { mediaId: ID(1), alt: "A", caption: [{ text: "First picture" }] },
        { mediaId: ID(2), alt: "B" },
      ],
      caption: [{ text: "The set" }],
    },
    {
      type: "audio",
      mediaId: ID(3),
      title: "Hearing",
      captionsId: ID(4),
      transcript: "Words spoken",
    },
    { type: "video-file", mediaId: ID(5), title: "Clip" },
    { type: "document", mediaId: ID(6), title: "Minutes", caption: [{ text: "Signed" }] },
  ]);

  it("indexes captions, titles and transcripts", () => {
    expect(articlePlainText(body)).toBe(
      "First picture\nThe set\n\nHearing\nWords spoken\n\nClip\n\nMinutes\nSigned",
    );
    expect(body.map(blockText)).toEqual([
      "First picture\nThe set",
      "Hearing\nWords spoken",
      "Clip",
      "Minutes\nSigned",
    ]);
  });

  it("lists every media item the blocks use, captions files included", () => {
    expect(mediaIdsOf(body)).toEqual([ID(1), ID(2), ID(3), ID(4), ID(5), ID(6)]);
  });
});

describe("sniffFile", () => {
  it.each([
    ["WAV", wavTone(0.1), "audio/wav"],
    ["PDF", onePagePdf(), "application/pdf"],
    ["WebVTT", CAPTIONS_VTT, "text/vtt"],
    ["MP3 with ID3", Buffer.from("ID3\x04\x00\x00\x00\x00\x00\x00", "latin1"), "audio/mpeg"],
    ["MP3 frame", Buffer.from([0xff, 0xfb, 0x90, 0x64]), "audio/mpeg"],
    ["ADTS AAC", Buffer.from([0xff, 0xf1, 0x50, 0x80]), "audio/aac"],
    [
      "Ogg Opus",
      Buffer.concat([Buffer.from("OggS"), Buffer.alloc(24), Buffer.from("OpusHead")]),
      "audio/ogg",
    ],
    ["M4A", Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypM4A ")]), "audio/mp4"],
    ["MP4", Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypisom")]), "video/mp4"],
    [
      "WebM",
      Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...Buffer.from("webm")]),
      "video/webm",
    ],
  ])("tells %s by its bytes", (_name, bytes, mimeType) => {
    expect(sniffFile(bytes)?.mimeType).toBe(mimeType);
  });

  it.each([
    ["text", Buffer.from("just some words")],
    ["HTML named .pdf", Buffer.from("<!doctype html><p>%PDF-")],
    [
      "Ogg Theora video",
      Buffer.concat([Buffer.from("OggS"), Buffer.alloc(24), Buffer.from("\x80theora")]),
    ],
    ["HEIC", Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic")])],
    ["WEBVTT without a line end", Buffer.from("WEBVTTX")],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffFile(bytes)).toBeUndefined();
  });
});
