// Tables, code, pull quotes and galleries from a WordPress export become Masthead's typed blocks
// (issue 14), and what those blocks cannot hold stays sanitized legacy HTML with nothing lost:
// imported through the function the CLI calls, stored, then served over HTTP, on each database.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import {
  type AudioBlock,
  GALLERY_IMAGE_CAPTION_MAX,
  type GalleryBlock,
  inlineText,
} from "../../../src/content/index.js";
import type { ImportReport } from "../../../src/importers/report.js";
import { importWordPress } from "../../../src/importers/wordpress/import.js";
import { buildServer } from "../../../src/server.js";
import { getArticleBySlug, getMediaRecord, type Store } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";

const FIXTURE = path.resolve("test/fixtures/wordpress/writing-blocks-1.2.xml");
const NOW = new Date("2024-03-01T12:00:00Z");
const text = (t: string) => [{ text: t }];
type Body = NonNullable<Awaited<ReturnType<typeof getArticleBySlug>>>["body"];
const columns = Array.from({ length: 60 }, (_, i) => i + 1);

/** Half a second of 8 kHz mono 16-bit silence as a WAV file. */
function silentWav(): Buffer {
  const data = Buffer.alloc(8000);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * The uploads copy: two of the gallery's three photos (lost-photo.jpg is missing), two sound
 * files (missing-speech.mp3 is missing) and a "not-sound.wav" that is text.
 */
async function makeUploads(dir: string): Promise<void> {
  await mkdir(path.join(dir, "2022/06"), { recursive: true });
  for (const name of ["declaration.wav", "crowd.wav"])
    await writeFile(path.join(dir, "2022/06", name), silentWav());
  await writeFile(path.join(dir, "2022/06/not-sound.wav"), "a page of notes, not a recording\n");
  for (const [name, color] of [
    ["count-hall.jpg", "#2a6f97"],
    ["ballot-boxes.jpg", "#a23b72"],
  ] as const)
    await sharp({ create: { width: 640, height: 400, channels: 3, background: color } })
      .jpeg()
      .toFile(path.join(dir, "2022/06", name));
}

for (const db of DATABASES)
  describe(`WordPress tables, code, pull quotes and galleries (${db.name})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let dataDir: string;
    let report: ImportReport;
    let blocksPost: Body;
    let classicPost: Body;
    let heardPost: Body;

    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-wp-wb-"));
      const uploads = path.join(dataDir, "old-uploads");
      await makeUploads(uploads);
      report = await importWordPress(store, FIXTURE, { dataDir, mediaDir: uploads, now: NOW });
      blocksPost = (await getArticleBySlug(store, "count-in-blocks"))?.body ?? [];
      classicPost = (await getArticleBySlug(store, "count-classic"))?.body ?? [];
      heardPost = (await getArticleBySlug(store, "count-heard"))?.body ?? [];
      app = await buildServer({
        config: loadConfig({ MASTHEAD_DATA_DIR: dataDir }),
        store,
        logLevel: "silent",
      });
      await app.ready();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await store?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it("makes block-editor tables, code, pull quotes and galleries typed blocks", () => {
      expect(blocksPost.map((b) => b.type)).toEqual([
        "paragraph",
        "table",
        "html",
        "html",
        "html",
        "code",
        "code",
        "html",
        "pullquote",
        "quote",
        "gallery",
      ]);
      expect(blocksPost[1]).toEqual({
        type: "table",
        caption: "Votes by ward",
        headerRow: true,
        rows: [
          [text("Ward"), text("Green"), text("Blue")],
          [text("North"), text("412"), text("380")],
          [text("Harbour"), [{ text: "655", bold: true }], text("201")],
          [text("Total"), text("1067"), text("581")],
        ],
      });
      expect(blocksPost[5]).toEqual({
        type: "code",
        language: "python",
        code: "def winner(votes):\n    return max(votes, key=votes.get)  # ties <&> go to the first",
      });
      expect(blocksPost[6]).toEqual({
        type: "code",
        code: "WARD      GREEN   BLUE\nNorth       412    380",
      });
      expect(blocksPost[8]).toEqual({
        type: "pullquote",
        content: text("Every vote was counted twice."),
      });
      // A cited pull quote keeps its speaker as a quote (the pull quote block names none).
      expect(blocksPost[9]).toEqual({
        type: "quote",
        content: text("We will recount at dawn."),
        speaker: "The returning officer",
      });
    });

    it("resolves a gallery's images as single images are, reporting the one the uploads lack", () => {
      const gallery = blocksPost[10] as GalleryBlock;
      expect(gallery.caption).toEqual(text("Election night in pictures"));
      expect(gallery.images).toEqual([
        {
          mediaId: expect.any(String),
          alt: "count-hall",
          caption: text("The count hall at midnight"),
        },
        { mediaId: expect.any(String), alt: "Sealed ballot boxes on a trolley" },
      ]);
      expect(report.mediaMissing.map((m) => m.url)).toContain(
        "https://example.org/wp-content/uploads/2022/06/lost-photo.jpg",
      );
      // Two photos and two sound files.
      expect(report.counts.media.imported).toBe(4);
    });

    it("keeps what the typed blocks cannot hold as sanitized legacy HTML, every cell kept, the reason reported", () => {
      const [merged, ragged, wide] = [2, 3, 4].map((i) => (blocksPost[i] as { html: string }).html);
      expect(blocksPost[2]).toMatchObject({ reason: "wp:table" });
      expect(merged).toContain('<td colspan="2">Turnout, both wards</td>');
      expect(ragged).toBe(
        "<figure><table><tbody><tr><td>Ragged A1</td><td>Ragged A2</td><td>Ragged A3</td></tr><tr><td>Ragged B1</td></tr></tbody></table></figure>",
      );
      for (const i of columns) {
        expect(wide).toContain(`<th>Q${i}</th>`);
        expect(wide).toContain(`<td>w${i}</td>`);
      }
      expect(blocksPost[7]).toMatchObject({
        type: "html",
        reason: "wp:preformatted",
        html: expect.stringContaining('Full results at <a href="https://example.org/results"'),
      });
      const reasons = report.legacyHtml.map((l) => `${l.id} ${l.reason}`);
      expect(reasons).toEqual([
        "1 wp:table",
        "1 wp:table",
        "1 wp:table",
        "1 wp:preformatted",
        "2 <table>",
      ]);
      const notes = report.notes.map((n) => `${n.id} ${n.reason}`);
      expect(notes).toEqual(
        expect.arrayContaining([
          "1 wp:table kept as HTML: merged cells (colspan or rowspan), which the table block cannot show",
          "1 wp:table kept as HTML: rows of different lengths",
          "1 wp:table kept as HTML: 60 columns (a table block holds at most 50)",
          "1 wp:preformatted kept as HTML: a <a> inside it, which a code block cannot show",
          "2 <table> kept as HTML: rows of different lengths",
        ]),
      );
    });

    it("makes classic-editor tables, <pre><code>, pull quotes and [gallery] typed blocks; a malformed table stays HTML", () => {
      expect(classicPost.map((b) => b.type)).toEqual([
        "paragraph",
        "table",
        "code",
        "pullquote",
        "gallery",
        "html",
      ]);
      expect(classicPost[1]).toEqual({
        type: "table",
        headerRow: true,
        rows: [
          [text("Ward"), text("Turnout")],
          [text("North"), text("61%")],
          [text("Harbour"), text("58%")],
        ],
      });
      expect(classicPost[2]).toEqual({
        type: "code",
        language: "sql",
        code: "SELECT ward, count(*)\n  FROM ballots\n GROUP BY ward;",
      });
      expect(classicPost[3]).toEqual({
        type: "pullquote",
        content: text("Nobody expected the harbour to turn green."),
      });
      // [gallery ids="502,501"]: the same media items as the block gallery, in the shortcode's order.
      const [one, two] = (blocksPost[10] as GalleryBlock).images;
      expect((classicPost[4] as GalleryBlock).images).toEqual([
        { mediaId: two?.mediaId, alt: "Ballot boxes" },
        { mediaId: one?.mediaId, alt: "count-hall", caption: text("Counting staff at work.") },
      ]);
      const malformed = classicPost[5] as { html: string; reason: string };
      expect(malformed.reason).toBe("<table>");
      for (const n of [1, 2, 3, 4, 5]) expect(malformed.html).toContain(`<td>Malformed ${n}</td>`);
    });

    it("serves the typed blocks and the kept HTML", async () => {
      const page = await app.inject({ url: "/articles/count-in-blocks" });
      expect(page.statusCode).toBe(200);
      const body = page.body;
      expect(body).toContain("<caption>Votes by ward</caption>");
      expect(body).toContain('<th scope="col">Ward</th>');
      expect(body).toContain('<code class="language-python">def winner(votes):');
      // Escaped as text, never markup (Preact leaves ">" as it is: harmless outside a tag).
      expect(body).toMatch(/ties &lt;&amp;(&gt;|>) go to the first/);
      expect(body).toMatch(/<aside class="pull-quote"><p>Every vote was counted twice\.<\/p>/);
      expect(body).toContain('<figure class="gallery">');
      expect(body).toContain("Election night in pictures");
      expect(body).toContain('data-reason="wp:table"');
      for (const i of columns) expect(body).toContain(`<td>w${i}</td>`);
      const classic = await app.inject({ url: "/articles/count-classic" });
      expect(classic.statusCode).toBe(200);
      for (const n of [1, 2, 3, 4, 5]) expect(classic.body).toContain(`<td>Malformed ${n}</td>`);
      expect(classic.body).toContain('<code class="language-sql">SELECT ward, count(*)');
    });

    it("makes sound files audio blocks, titled after the attachment or the file name", async () => {
      expect(heardPost.map((b) => b.type)).toEqual([
        "audio",
        "audio",
        "paragraph",
        "paragraph",
        "gallery",
        "paragraph",
      ]);
      const [declaration, crowd] = heardPost as [AudioBlock, AudioBlock];
      expect(declaration).toEqual({
        type: "audio",
        mediaId: expect.any(String),
        title: "The returning officer's declaration",
        caption: [{ text: "The declaration, " }, { text: "2 a.m.", italic: true }],
      });
      expect(crowd).toEqual({ type: "audio", mediaId: expect.any(String), title: "crowd" });
      // Stored as an upload is: sniffed, remuxed by ffmpeg, its duration recorded.
      const item = await getMediaRecord(store, declaration.mediaId);
      expect(item?.mimeType).toBe("audio/wav");
      expect(item?.durationMs).toBeGreaterThan(400);
      expect(item?.durationMs).toBeLessThan(600);
    });

    it("keeps a sound file it cannot have as a link, said in the report", () => {
      const missing = "https://example.org/wp-content/uploads/2022/06/missing-speech.mp3";
      const notSound = "https://example.org/wp-content/uploads/2022/06/not-sound.wav";
      expect(heardPost[2]).toEqual({
        type: "paragraph",
        content: [{ text: missing, href: missing }],
      });
      expect(heardPost[3]).toEqual({
        type: "paragraph",
        content: [{ text: notSound, href: notSound }],
      });
      const byUrl = new Map(report.mediaMissing.map((m) => [m.url, m.reason]));
      expect(byUrl.get(missing)).toMatch(/^not found in /);
      expect(byUrl.get(notSound)).toBe("the file is not a sound file Masthead can play");
      const notes = report.notes.filter((n) => n.id === "3").map((n) => n.reason);
      for (const url of [missing, notSound])
        expect(notes).toContain(
          `a sound file (${url}) kept as a link: its file could not be had or is not sound (see missing media)`,
        );
    });

    it("shortens a gallery caption over the limit at a word and keeps its full text after the gallery", () => {
      const gallery = heardPost[4] as GalleryBlock;
      const full = heardPost[5] as { type: "paragraph"; content: { text: string }[] };
      const whole = inlineText(full.content);
      expect(whole.length).toBeGreaterThan(GALLERY_IMAGE_CAPTION_MAX);
      expect(whole).toMatch(/^The count hall at midnight, .* the last box was opened at dawn\.$/);
      const short = inlineText(gallery.images[0]?.caption ?? []);
      expect(short.length).toBeLessThanOrEqual(GALLERY_IMAGE_CAPTION_MAX);
      expect(short.endsWith("…")).toBe(true);
      // Cut between words: what is kept is the start of the full text, up to a whole word.
      const kept = short.slice(0, -1);
      expect(whole.startsWith(kept)).toBe(true);
      expect(whole[kept.length]).toBe(" ");
      expect(gallery.images[1]).toEqual({
        mediaId: expect.any(String),
        alt: "Sealed ballot boxes on a trolley",
      });
      expect(report.notes.filter((n) => n.id === "3").map((n) => n.reason)).toContain(
        "a picture's caption longer than a gallery allows (1000 characters) shortened; its full text follows the gallery as a paragraph",
      );
    });

    it("serves the audio block's player", async () => {
      const page = await app.inject({ url: "/articles/count-heard" });
      expect(page.statusCode).toBe(200);
      // Served from the media folder under its own key (not the media item's id).
      expect(page.body).toMatch(
        /<audio controls preload="metadata" src="\/media\/[0-9a-f-]{36}\.wav" aria-label="The returning officer's declaration">/,
      );
      expect(page.body).toContain(
        `<p class="media-file-title">The returning officer's declaration</p>`,
      );
    });
  });
