import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { processImage } from "../../src/media/index.js";
import {
  animatedGif,
  exifHasGps,
  jpegPhoto,
  modernPhoto,
  NOT_AN_IMAGE,
  pngDeclaring,
  pngGraphic,
} from "../fixtures/images.js";
import { rejectionOf } from "../helpers/errors.js";

const summary = (renditions: { format: string; width: number; height: number }[]) =>
  renditions.map((r) => `${r.format} ${r.width}x${r.height}`);

describe("processImage", () => {
  it("turns a JPEG into AVIF, WebP and JPEG renditions at each width, never upscaled", async () => {
    const image = await processImage(await jpegPhoto(1200, 800));
    expect(image).toMatchObject({ format: "jpeg", mimeType: "image/jpeg", extension: "jpg" });
    expect([image.width, image.height]).toEqual([1200, 800]);
    expect(summary(image.renditions)).toEqual([
      "avif 240x160",
      "avif 480x320",
      "avif 960x640",
      "avif 1200x800",
      "webp 240x160",
      "webp 480x320",
      "webp 960x640",
      "webp 1200x800",
      "jpeg 240x160",
      "jpeg 480x320",
      "jpeg 960x640",
      "jpeg 1200x800",
    ]);
    for (const r of image.renditions) {
      const meta = await sharp(r.data).metadata();
      expect([meta.format === "heif" ? "avif" : meta.format, meta.width]).toEqual([
        r.format,
        r.width,
      ]);
    }
  });

  it("strips EXIF, including the GPS position, from every rendition", async () => {
    const upload = await jpegPhoto(600, 400, { gps: true });
    expect(exifHasGps((await sharp(upload).metadata()).exif)).toBe(true);
    const image = await processImage(upload);
    for (const r of image.renditions) {
      const meta = await sharp(r.data).metadata();
      expect(meta.exif, `${r.format} ${r.width}`).toBeUndefined();
      expect(r.data.includes("Test Camera")).toBe(false);
    }
  });

  it("turns a photo upright by its EXIF orientation, then drops the tag", async () => {
    // Orientation 6: stored 800 wide and 600 high, shown rotated a quarter turn.
    const image = await processImage(await jpegPhoto(800, 600, { orientation: 6 }));
    expect([image.width, image.height]).toEqual([600, 800]);
    const widest = image.renditions.find((r) => r.format === "jpeg" && r.width === 600);
    const meta = await sharp(widest?.data).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([600, 800, undefined]);
  });

  it("keeps a PNG's transparency and falls back to PNG", async () => {
    const image = await processImage(await pngGraphic(300, 200));
    expect(summary(image.renditions)).toEqual([
      "avif 240x160",
      "avif 300x200",
      "webp 240x160",
      "webp 300x200",
      "png 240x160",
      "png 300x200",
    ]);
    const png = image.renditions.find((r) => r.format === "png");
    expect((await sharp(png?.data).metadata()).hasAlpha).toBe(true);
  });

  it("keeps a GIF animated, as WebP and GIF", async () => {
    const image = await processImage(await animatedGif(300, 100, 3));
    expect(image).toMatchObject({ format: "gif", width: 300, height: 100, animated: true });
    expect(summary(image.renditions)).toEqual([
      "webp 240x80",
      "webp 300x100",
      "gif 240x80",
      "gif 300x100",
    ]);
    const webp = await sharp(image.renditions[0]?.data, { animated: true }).metadata();
    expect(webp.pages).toBe(3);
  });

  it("takes WebP and AVIF uploads", async () => {
    expect((await processImage(await modernPhoto("webp", 200, 100))).mimeType).toBe("image/webp");
    expect((await processImage(await modernPhoto("avif", 200, 100))).mimeType).toBe("image/avif");
  });

  it("refuses a text file named .jpg as an unsupported media type", async () => {
    const error = await rejectionOf(processImage(NOT_AN_IMAGE));
    expect(error).toMatchObject({ code: "MH_UNSUPPORTED_MEDIA" });
    expect(error.message).toBe("the file is not a JPEG, PNG, WebP, AVIF or GIF image");
  });

  it("refuses a file that starts like a JPEG but is not one", async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), NOT_AN_IMAGE]);
    const error = await rejectionOf(processImage(fake));
    expect(error).toMatchObject({ code: "MH_UNSUPPORTED_MEDIA" });
  });

  it("refuses a truncated JPEG", async () => {
    const photo = await jpegPhoto(400, 300);
    const error = await rejectionOf(processImage(photo.subarray(0, photo.length / 2)));
    expect(error).toMatchObject({ code: "MH_UNSUPPORTED_MEDIA" });
  });

  it("refuses a decompression bomb from its header, before decoding it", async () => {
    const bomb = await pngDeclaring(20000, 20000);
    expect(bomb.length).toBeLessThan(200);
    const error = await rejectionOf(processImage(bomb));
    expect(error).toMatchObject({ code: "MH_TOO_LARGE" });
    expect(error.message).toContain("20000×20000 pixels");
    expect(error.message).toContain("100 megapixels");
  });
});
