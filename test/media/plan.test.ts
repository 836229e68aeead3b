import { describe, expect, it } from "vitest";
import { planVariants, variantFormats, variantWidths } from "../../src/media/index.js";

describe("variantWidths", () => {
  it("takes every standard width for a large image", () => {
    expect(variantWidths(4000)).toEqual([240, 480, 960, 1600]);
  });

  it("never upscales: a narrower image ends at its own width", () => {
    expect(variantWidths(1200)).toEqual([240, 480, 960, 1200]);
    expect(variantWidths(960)).toEqual([240, 480, 960]);
    expect(variantWidths(100)).toEqual([100]);
  });
});

describe("variantFormats", () => {
  it("offers AVIF and WebP, then the source's own format as the fallback", () => {
    expect(variantFormats("jpeg", false)).toEqual(["avif", "webp", "jpeg"]);
    expect(variantFormats("png", false)).toEqual(["avif", "webp", "png"]);
    expect(variantFormats("webp", false)).toEqual(["avif", "webp"]);
    expect(variantFormats("avif", false)).toEqual(["avif", "webp"]);
  });

  it("keeps an animation moving: WebP and GIF, no AVIF", () => {
    expect(variantFormats("gif", true)).toEqual(["webp", "gif"]);
  });
});

describe("planVariants", () => {
  it("is every format at every width", () => {
    expect(planVariants("jpeg", 500, false)).toEqual([
      { format: "avif", width: 240 },
      { format: "avif", width: 480 },
      { format: "avif", width: 500 },
      { format: "webp", width: 240 },
      { format: "webp", width: 480 },
      { format: "webp", width: 500 },
      { format: "jpeg", width: 240 },
      { format: "jpeg", width: 480 },
      { format: "jpeg", width: 500 },
    ]);
  });
});
