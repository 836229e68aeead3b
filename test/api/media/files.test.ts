// Sound, video, PDF and captions files in the media library: told apart by their bytes (never
// the name or the Content-Type sent), sound and video stored without their metadata and with
// their duration, a PDF's first page rendered as its preview, refusals that leave nothing
// behind, and /media/ answering Range requests so players can seek.
import { describe, expect, it } from "vitest";
import type { Role } from "../../../src/content/index.js";
import {
  CAPTIONS_VTT,
  CLIP_DURATION_MS,
  CLIP_TAGS,
  CORRUPT_PDF,
  clipWithLocation,
  onePagePdf,
  probeBytes,
  wavTone,
} from "../../fixtures/media-files.js";
import { signIn } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";
import { API, CREDITED, filesOnDisk, mediaRows, multipart } from "./requests.js";

interface FileJson {
  id: string;
  kind: string;
  mimeType: string;
  fileUrl: string | null;
  durationMs: number | null;
  width: number;
  height: number;
  variants: { format: string; width: number; url: string }[];
}

const { alt: _alt, ...CREDIT_ONLY } = CREDITED;

for (const db of DATABASES) {
  describe(db.name, () => {
    const t = useDemoApp(db);

    async function as(role: Role) {
      return (await signIn(t().app, t().store, role)).headers;
    }

    async function upload(data: Uint8Array, name: string, type: string, fields = CREDIT_ONLY) {
      const body = await multipart(fields, { data, name, type });
      return t().app.inject({
        method: "POST",
        url: `${API}/media`,
        headers: { ...(await as("editor")), ...body.headers },
        payload: body.payload,
      });
    }

    describe("POST /media with files that are not images", () => {
      it("stores a WAV file as sound, served as uploaded, with no alt text needed", async () => {
        const res = await upload(wavTone(1), "interview.wav", "audio/wav");
        expect(res.statusCode).toBe(201);
        const media: FileJson = res.json().media;
        expect(media).toMatchObject({ kind: "audio", mimeType: "audio/wav", width: 0 });
        expect(media.fileUrl).toMatch(/^\/media\/[0-9a-f-]{36}\.wav$/);
        const file = await t().app.inject({ url: media.fileUrl as string });
        expect(file.statusCode).toBe(200);
        expect(file.headers["content-type"]).toMatch(/^audio\/(wav|wave|x-wav)/);
        expect(file.rawPayload.equals(wavTone(1))).toBe(true);
      });

      it("stores a phone's video without its location, author or times, and its duration", async () => {
        const sent = await clipWithLocation();
        // What the clip carries before upload, so the test fails if the fixture loses it.
        expect(Object.keys((await probeBytes(sent)).formatTags)).toEqual(
          expect.arrayContaining([...CLIP_TAGS]),
        );
        const res = await upload(sent, "VID_0001.mp4", "video/mp4");
        expect(res.statusCode, res.body).toBe(201);
        const media: FileJson = res.json().media;
        expect(media).toMatchObject({
          kind: "video",
          mimeType: "video/mp4",
          durationMs: CLIP_DURATION_MS,
        });
        expect(media.fileUrl).toMatch(/^\/media\/[0-9a-f-]{36}\.mp4$/);
        const file = await t().app.inject({ url: media.fileUrl as string });
        expect(file.statusCode).toBe(200);
        const stored = await probeBytes(file.rawPayload);
        for (const tag of CLIP_TAGS) {
          expect(stored.formatTags).not.toHaveProperty(tag);
          for (const stream of stored.streams) expect(stream.tags ?? {}).not.toHaveProperty(tag);
        }
        expect(file.rawPayload.includes("Lavf")).toBe(false);
        // Same picture and sound, not re-encoded; the index moved to the front (faststart).
        expect(stored.streams.map((s) => s.codec_type).sort()).toEqual(["audio", "video"]);
        expect(stored.duration * 1000).toBeCloseTo(CLIP_DURATION_MS, -1);
        expect(stored.boxes.indexOf("moov")).toBeLessThan(stored.boxes.indexOf("mdat"));
        const read = await t().app.inject({
          url: `${API}/media/${media.id}`,
          headers: await as("editor"),
        });
        expect(read.json().media.durationMs).toBe(CLIP_DURATION_MS);
      });

      it("records a sound file's duration", async () => {
        const res = await upload(wavTone(3), "tone.wav", "audio/wav");
        expect(res.json().media.durationMs).toBe(3000);
      });

      it.each([
        [
          "an MP4 header over text",
          Buffer.concat([
            Buffer.from("\0\0\0\x18ftypisom\0\0\x02\0isomiso2", "latin1"),
            Buffer.from("not a video at all, just text from a chat export ".repeat(8)),
          ]),
        ],
        [
          "a WebM header over text",
          Buffer.concat([
            Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]),
            Buffer.from("webm"),
            Buffer.from("and then nothing a player could use ".repeat(8)),
          ]),
        ],
      ])(
        "refuses %s, which ffmpeg cannot read, with 415, and keeps nothing",
        async (_what, data) => {
          const before = [await filesOnDisk(t().dataDir), await mediaRows(t().store)];
          const res = await upload(data, "clip.mp4", "video/mp4");
          expect(res.statusCode).toBe(415);
          expect(res.json().error.code).toBe("MH_UNSUPPORTED_MEDIA");
          expect(res.json().error.message).toMatch(
            /^the file begins like an? (MP4|WebM) file but ffmpeg could not read it \(.+\); nothing was stored$/,
          );
          // The staging folder's path is the server's business.
          expect(res.json().error.message).not.toMatch(/media-staging|\/tmp\//);
          expect([await filesOnDisk(t().dataDir), await mediaRows(t().store)]).toEqual(before);
        },
      );

      it("stores a PDF with a preview of its first page as image renditions", async () => {
        const res = await upload(onePagePdf(), "minutes.pdf", "application/pdf");
        expect(res.statusCode).toBe(201);
        const media: FileJson = res.json().media;
        expect(media).toMatchObject({ kind: "document", mimeType: "application/pdf" });
        // A4 portrait rendered at most 1600 pixels on its longer side.
        expect(media.height).toBe(1600);
        expect(media.width).toBeGreaterThan(1000);
        expect(media.variants.map((v) => v.format)).toContain("webp");
        const preview = await t().app.inject({ url: media.variants[0]?.url as string });
        expect(preview.statusCode).toBe(200);
        const pdf = await t().app.inject({ url: media.fileUrl as string });
        expect(pdf.headers["content-type"]).toBe("application/pdf");
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      });

      it("stores WebVTT captions, and lists each kind apart", async () => {
        const res = await upload(CAPTIONS_VTT, "captions.txt", "text/plain");
        expect(res.statusCode).toBe(201);
        expect(res.json().media.kind).toBe("captions");
        const list = await t().app.inject({
          url: `${API}/media?kind=captions&limit=100`,
          headers: await as("contributor"),
        });
        const items: FileJson[] = list.json().items;
        expect(items.length).toBeGreaterThan(0);
        expect(items.every((i) => i.kind === "captions")).toBe(true);
      });

      it.each([
        [
          "a PDF that is not a PDF",
          Buffer.from("<html><body>minutes</body></html>"),
          "minutes.pdf",
          "application/pdf",
        ],
        [
          "sound that is not sound",
          Buffer.from("ID4 this is just text, not an MP3"),
          "clip.mp3",
          "audio/mpeg",
        ],
        [
          "Matroska video, which browsers do not all play",
          Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88, ...Buffer.from("matroska")]),
          "clip.webm",
          "video/webm",
        ],
      ])(
        "refuses %s with 415 naming what is accepted, and keeps nothing",
        async (_what, data, name, type) => {
          const before = [await filesOnDisk(t().dataDir), await mediaRows(t().store)];
          const res = await upload(data, name, type);
          expect(res.statusCode).toBe(415);
          expect(res.json().error.code).toBe("MH_UNSUPPORTED_MEDIA");
          expect(res.json().error.message).toMatch(/sound \(MP3.*PDF documents.*not its name/);
          expect([await filesOnDisk(t().dataDir), await mediaRows(t().store)]).toEqual(before);
        },
      );

      it("refuses a damaged PDF that pdftoppm cannot read, and keeps nothing", async () => {
        const before = [await filesOnDisk(t().dataDir), await mediaRows(t().store)];
        const res = await upload(CORRUPT_PDF, "minutes.pdf", "application/pdf");
        expect(res.statusCode).toBe(415);
        expect(res.json().error.message).toMatch(
          /begins like a PDF but could not be read \(.+\); nothing was stored/,
        );
        expect([await filesOnDisk(t().dataDir), await mediaRows(t().store)]).toEqual(before);
      });

      it("still asks an image for its alt text", async () => {
        const { jpegPhoto } = await import("../../fixtures/images.js");
        const res = await upload(await jpegPhoto(64, 48), "a.jpg", "image/jpeg");
        expect(res.statusCode).toBe(400);
        expect(res.json().error.issues[0].path).toBe("alt");
      });
    });

    describe("GET /media/<file> with Range", () => {
      async function soundUrl(): Promise<{ url: string; size: number }> {
        const res = await upload(wavTone(2), "tone.wav", "audio/wav");
        return { url: res.json().media.fileUrl, size: wavTone(2).length };
      }

      it("answers a range with 206 and only those bytes", async () => {
        const { url, size } = await soundUrl();
        const whole = await t().app.inject({ url });
        expect(whole.headers["accept-ranges"]).toBe("bytes");
        const res = await t().app.inject({ url, headers: { range: "bytes=100-199" } });
        expect(res.statusCode).toBe(206);
        expect(res.headers["content-range"]).toBe(`bytes 100-199/${size}`);
        expect(res.rawPayload.equals(wavTone(2).subarray(100, 200))).toBe(true);
        const tail = await t().app.inject({ url, headers: { range: "bytes=-10" } });
        expect(tail.statusCode).toBe(206);
        expect(tail.rawPayload.length).toBe(10);
      });

      it("answers a range past the end with 416 and the file's size", async () => {
        const { url, size } = await soundUrl();
        const res = await t().app.inject({ url, headers: { range: `bytes=${size + 10}-` } });
        expect(res.statusCode).toBe(416);
        expect(res.headers["content-range"]).toBe(`bytes */${size}`);
      });

      it("honours If-Range: the range when the ETag still matches, the whole file when not", async () => {
        const { url, size } = await soundUrl();
        const { etag } = (await t().app.inject({ url })).headers;
        const same = await t().app.inject({
          url,
          headers: { range: "bytes=0-9", "if-range": String(etag) },
        });
        expect(same.statusCode).toBe(206);
        const changed = await t().app.inject({
          url,
          headers: { range: "bytes=0-9", "if-range": '"an-older-version"' },
        });
        expect(changed.statusCode).toBe(200);
        expect(changed.rawPayload.length).toBe(size);
      });
    });
  });
}
