// POST /api/admin/v1/media with real files: what is accepted, what is refused, and that a refusal
// leaves nothing behind, on each database.
import { stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "../../../src/media/index.js";
import {
  exifHasGps,
  jpegPhoto,
  NOT_AN_IMAGE,
  pngDeclaring,
  pngGraphic,
} from "../../fixtures/images.js";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";
import { API, CREDITED, filesOnDisk, mediaRows, multipart } from "./requests.js";

for (const db of DATABASES) {
  describe(db.name, () => {
    const t = useDemoApp(db);

    /** Sends an upload as a signed-in `role` (an editor unless said otherwise). */
    async function upload(
      fields: Record<string, string>,
      file: Parameters<typeof multipart>[1],
      role: "contributor" | "author" | "editor" | "owner" = "editor",
    ) {
      const session = await signIn(t().app, t().store, role);
      const body = await multipart(fields, file);
      return t().app.inject({
        method: "POST",
        url: `${API}/media`,
        headers: { ...session.headers, ...body.headers },
        payload: body.payload,
      });
    }

    /** Runs `send` and checks it wrote no file and no row. */
    async function writesNothing(send: () => Promise<unknown>) {
      const before = [await filesOnDisk(t().dataDir), await mediaRows(t().store)];
      await send();
      expect([await filesOnDisk(t().dataDir), await mediaRows(t().store)]).toEqual(before);
    }

    it("a PNG becomes a media item with AVIF, WebP and PNG renditions on disk", async () => {
      const png = await pngGraphic(1000, 500);
      const res = await upload(CREDITED, { name: "chart.png", type: "image/png", data: png });
      expect(res.statusCode).toBe(201);
      const { media } = res.json();
      expect(media).toMatchObject({
        mimeType: "image/png",
        width: 1000,
        height: 500,
        alt: CREDITED.alt,
        credit: {
          creator: "Jo Photographer",
          sourceName: "Flickr",
          sourceUrl: CREDITED.sourceUrl,
          license: "cc-by-sa-2.0",
        },
        creditWarning: null,
        version: 1,
      });
      expect(media.storageKey).toMatch(/^original-[0-9a-f-]{36}\.png$/);
      const summary = media.variants.map(
        (v: { format: string; width: number; height: number }) =>
          `${v.format} ${v.width}x${v.height}`,
      );
      expect(summary).toEqual([
        "avif 240x120",
        "avif 480x240",
        "avif 960x480",
        "avif 1000x500",
        "webp 240x120",
        "webp 480x240",
        "webp 960x480",
        "webp 1000x500",
        "png 240x120",
        "png 480x240",
        "png 960x480",
        "png 1000x500",
      ]);
      const mediaDir = path.join(t().dataDir, "media");
      expect((await stat(path.join(mediaDir, media.storageKey))).size).toBe(png.length);
      for (const v of media.variants) {
        const file = path.join(mediaDir, v.storageKey);
        expect((await stat(file)).size).toBe(v.bytes);
        const meta = await sharp(file).metadata();
        expect([meta.format === "heif" ? "avif" : meta.format, meta.width]).toEqual([
          v.format,
          v.width,
        ]);
        expect(v.url).toBe(`/media/${v.storageKey}`);
      }

      const read = await t().app.inject({
        url: `${API}/media/${media.id}`,
        headers: (await signIn(t().app, t().store, "contributor")).headers,
      });
      expect(read.statusCode).toBe(200);
      expect(read.json().media).toMatchObject({
        id: media.id,
        variants: media.variants,
        usage: { articles: [], people: [] },
      });
    });

    it("a JPEG with a GPS position is stored, and no rendition carries EXIF", async () => {
      const photo = await jpegPhoto(1800, 1200, { gps: true });
      expect(exifHasGps((await sharp(photo).metadata()).exif)).toBe(true);
      // The name and the declared type are ignored: the bytes say JPEG.
      const res = await upload(CREDITED, { name: "IMG_0001.PNG", type: "image/png", data: photo });
      expect(res.statusCode).toBe(201);
      const { media } = res.json();
      expect(media).toMatchObject({ mimeType: "image/jpeg", width: 1800, height: 1200 });
      expect(media.storageKey).toMatch(/\.jpg$/);
      const formats = new Set(media.variants.map((v: { format: string }) => v.format));
      expect([...formats]).toEqual(["avif", "webp", "jpeg"]);
      expect(media.variants.map((v: { width: number }) => v.width)).toContain(1600);
      expect(media.variants.map((v: { width: number }) => v.width)).not.toContain(1800);
      for (const v of media.variants) {
        const meta = await sharp(path.join(t().dataDir, "media", v.storageKey)).metadata();
        expect(meta.exif, v.storageKey).toBeUndefined();
      }
      // What the editor displays is a rendition, never the original with its GPS position.
      expect(media.url).not.toContain(media.storageKey);
      expect(media.url).toMatch(/-1600\.jpg$/);
      // Nothing a reader sees names the original.
      expect(
        media.variants.some((v: { storageKey: string }) =>
          v.storageKey.startsWith(media.storageKey.replace(/\.jpg$/, "")),
        ),
      ).toBe(false);
      // Nor can a reader who learns the original's key fetch it; its renditions are served.
      const original = await t().app.inject({ url: `/media/${media.storageKey}` });
      expect(original.statusCode).toBe(404);
      const rendition = await t().app.inject({ url: media.url });
      expect(rendition.statusCode).toBe(200);
    });

    it("an incomplete credit under an attribution license comes with a warning", async () => {
      const res = await upload(
        { alt: "A street", license: "cc-by-4.0" },
        { data: await pngGraphic(64, 64) },
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().media.creditWarning).toBe(
        "CC BY 4.0 requires attribution: add the creator or the source before publishing",
      );
    });

    it("a description is kept with the upload, up to 5000 characters in any script", async () => {
      // 5000 three-byte characters: over the old 4 KB field limit, within the schema's.
      const longest = "港".repeat(5000);
      const res = await upload(
        { ...CREDITED, description: longest },
        { data: await pngGraphic(32, 32) },
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().media.description).toBe(longest);
      const plain = await upload(CREDITED, { data: await pngGraphic(32, 32) });
      expect(plain.json().media.description).toBe("");
    });

    it("a description over 5000 characters is refused with 400 at description", async () => {
      await writesNothing(async () => {
        const res = await upload(
          { ...CREDITED, description: "x".repeat(5001) },
          { data: await pngGraphic(16, 16) },
        );
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe("MH_CONTENT_INVALID");
        expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
          "description",
        ]);
      });
    });

    it("a contributor may upload", async () => {
      const res = await upload(CREDITED, { data: await pngGraphic(32, 32) }, "contributor");
      expect(res.statusCode).toBe(201);
    });

    it("a file over the size limit is refused with 413, and nothing is written", async () => {
      const oversize = Buffer.concat([await jpegPhoto(64, 64), Buffer.alloc(MAX_UPLOAD_BYTES)]);
      await writesNothing(async () => {
        const res = await upload(CREDITED, { name: "big.jpg", type: "image/jpeg", data: oversize });
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe("MH_TOO_LARGE");
        expect(res.json().error.message).toContain("upload limit of 20 MB");
      });
    });

    it("a text file named .jpg and sent as image/jpeg is refused with 415, and nothing is written", async () => {
      await writesNothing(async () => {
        const res = await upload(CREDITED, {
          name: "not-an-image.jpg",
          type: "image/jpeg",
          data: NOT_AN_IMAGE,
        });
        expect(res.statusCode).toBe(415);
        expect(res.json().error).toEqual({
          code: "MH_UNSUPPORTED_MEDIA",
          message:
            "the file is not of a kind the media library takes: images (JPEG, PNG, WebP, AVIF, GIF), sound (MP3, M4A/AAC, Ogg Vorbis/Opus, WAV), video (MP4, WebM), PDF documents or WebVTT captions; the file's contents decide, not its name",
        });
      });
    });

    it("a missing alt text and an unknown license are refused with 400 and their paths", async () => {
      await writesNothing(async () => {
        const res = await upload(
          { creator: "Jo", license: "cc-by-9.0" },
          { data: await pngGraphic(32, 32) },
        );
        expect(res.statusCode).toBe(400);
        const { error } = res.json();
        expect(error.code).toBe("MH_CONTENT_INVALID");
        expect(error.issues.map((i: { path: string }) => i.path)).toEqual([
          "alt",
          "credit.license",
        ]);
        expect(error.issues[0].message).toMatch(/alt text is required/);
      });
    });

    it.each([
      ["no file", {}, undefined, ["file"]],
      ["a file in another field", {}, "image", ["image", "file"]],
      ["an unknown field", { caption: "x" }, "file", ["caption"]],
      [
        "a source URL that is not a link",
        { sourceUrl: "javascript:alert(1)" },
        "file",
        ["credit.sourceUrl"],
      ],
    ] as const)("%s is refused with 400", async (_name, extra, field, paths) => {
      const file = field ? { field, data: await pngGraphic(16, 16) } : undefined;
      await writesNothing(async () => {
        const res = await upload({ ...CREDITED, ...extra }, file);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(paths);
      });
    });

    it("an image declaring more than 100 megapixels is refused with 413 before decoding", async () => {
      await writesNothing(async () => {
        const res = await upload(CREDITED, { data: await pngDeclaring(20000, 20000) });
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe("MH_TOO_LARGE");
        expect(res.json().error.message).toContain("100 megapixels");
      });
    });

    it.each([
      ["without a boundary", "multipart/form-data", "--x\r\n"],
      [
        "cut short",
        "multipart/form-data; boundary=x",
        '--x\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG',
      ],
    ])("a multipart body %s is refused with 400", async (_name, type, payload) => {
      const session = await signIn(t().app, t().store, "editor");
      await writesNothing(async () => {
        const res = await t().app.inject({
          method: "POST",
          url: `${API}/media`,
          headers: { ...session.headers, "content-type": type },
          payload,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe("MH_BAD_REQUEST");
      });
    });

    it("a JSON body is refused with 415: uploads are multipart", async () => {
      const session = await signIn(t().app, t().store, "editor");
      const res = await t().app.inject({
        method: "POST",
        url: `${API}/media`,
        headers: session.headers,
        payload: { alt: "x", license: "cc0-1.0" },
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe("MH_UNSUPPORTED_MEDIA");
    });

    it("without a session the upload is refused with 401, and nothing is written", async () => {
      const body = await multipart(CREDITED, { data: await pngGraphic(16, 16) });
      await writesNothing(async () => {
        const res = await t().app.inject({
          method: "POST",
          url: `${API}/media`,
          headers: body.headers,
          payload: body.payload,
        });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe("MH_UNAUTHENTICATED");
      });
    });

    it("with a forged CSRF token the upload is refused with 403, and nothing is written", async () => {
      const session = await signIn(t().app, t().store, "owner");
      const body = await multipart(CREDITED, { data: await pngGraphic(16, 16) });
      await writesNothing(async () => {
        const res = await t().app.inject({
          method: "POST",
          url: `${API}/media`,
          headers: { ...session.headers, "x-csrf-token": "forged", ...body.headers },
          payload: body.payload,
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("MH_CSRF");
      });
    });

    it("a body with too many fields is refused with 413, and nothing is written", async () => {
      const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, "x"]));
      await writesNothing(async () => {
        const res = await upload({ ...CREDITED, ...many }, { data: await pngGraphic(16, 16) });
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe("MH_TOO_LARGE");
      });
    });
  });
}
