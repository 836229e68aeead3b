import { describe, expect, it } from "vitest";
import { sniffFormat } from "../../src/media/index.js";
import {
  animatedGif,
  jpegPhoto,
  modernPhoto,
  NOT_AN_IMAGE,
  pngGraphic,
} from "../fixtures/images.js";

describe("sniffFormat: the format is read from the bytes", () => {
  it("recognises JPEG, PNG, GIF, WebP and AVIF", async () => {
    expect(sniffFormat(await jpegPhoto(16, 16))).toBe("jpeg");
    expect(sniffFormat(await pngGraphic(16, 16))).toBe("png");
    expect(sniffFormat(await animatedGif(8, 8, 2))).toBe("gif");
    expect(sniffFormat(await modernPhoto("webp", 16, 16))).toBe("webp");
    expect(sniffFormat(await modernPhoto("avif", 16, 16))).toBe("avif");
  });

  it("recognises an AVIF that names avif only among its compatible brands", () => {
    const box = Buffer.alloc(24);
    box.writeUInt32BE(24, 0);
    box.write("ftypmif1", 4, "latin1");
    box.write("\0\0\0\0mif1avif", 12, "latin1");
    expect(sniffFormat(box)).toBe("avif");
  });

  it("knows nothing of a text file named .jpg, an SVG, a HEIC or an empty file", () => {
    expect(sniffFormat(NOT_AN_IMAGE)).toBeUndefined();
    expect(sniffFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    const heic = Buffer.alloc(24);
    heic.writeUInt32BE(24, 0);
    heic.write("ftypheic\0\0\0\0mif1heic", 4, "latin1");
    expect(sniffFormat(heic)).toBeUndefined();
    expect(sniffFormat(Buffer.alloc(0))).toBeUndefined();
  });
});
