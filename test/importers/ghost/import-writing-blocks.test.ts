// Ghost's code cards, asides (pull quotes), galleries and markdown tables become Masthead's typed
// blocks (issue 14): imported through the function the CLI calls, stored, then served over HTTP,
// on each database.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { GalleryBlock } from "../../../src/content/index.js";
import { importGhost } from "../../../src/importers/ghost/import.js";
import type { ImportReport } from "../../../src/importers/report.js";
import { buildServer } from "../../../src/server.js";
import { getArticleBySlug, type Store } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { makeGhostImages } from "./images.js";

const FIXTURE = path.resolve("test/fixtures/ghost/writing-blocks-5.json");
const NOW = new Date("2024-03-01T12:00:00Z");
const text = (t: string) => [{ text: t }];
type Body = NonNullable<Awaited<ReturnType<typeof getArticleBySlug>>>["body"];

for (const db of DATABASES)
  describe(`Ghost code, asides, galleries and tables (${db.name})`, () => {
    let store: Store;
    let app: FastifyInstance;
    let dataDir: string;
    let report: ImportReport;
    let lexicalPost: Body;
    let mobiledocPost: Body;

    beforeAll(async () => {
      store = await db.open();
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-ghost-wb-"));
      const images = path.join(dataDir, "old-images");
      // lost.jpg, the gallery's third image, is not in the copy.
      await makeGhostImages(images, ["2023/07/hall.jpg", "2023/07/boxes.jpg"]);
      report = await importGhost(store, FIXTURE, { dataDir, mediaDir: images, now: NOW });
      lexicalPost = (await getArticleBySlug(store, "count-lexical"))?.body ?? [];
      mobiledocPost = (await getArticleBySlug(store, "count-mobiledoc"))?.body ?? [];
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

    it("makes Lexical code cards, asides, galleries and markdown tables typed blocks", () => {
      expect(lexicalPost.map((b) => b.type)).toEqual([
        "paragraph",
        "code",
        "paragraph",
        "pullquote",
        "gallery",
        "table",
        "code",
        "html",
      ]);
      expect(lexicalPost[1]).toEqual({
        type: "code",
        language: "python",
        code: "def winner(votes):\n    return max(votes, key=votes.get)",
      });
      // The code card's caption, which a code block has no place for, follows it.
      expect(lexicalPost[2]).toEqual({
        type: "paragraph",
        content: [{ text: "The " }, { text: "tally", italic: true }, { text: " rule" }],
      });
      expect(lexicalPost[3]).toEqual({
        type: "pullquote",
        content: text("Every vote was counted twice."),
      });
      expect(lexicalPost[5]).toEqual({
        type: "table",
        headerRow: true,
        rows: [
          [text("Ward"), text("Turnout")],
          [text("North"), text("61%")],
          [text("Harbour"), [{ text: "58%", bold: true }]],
        ],
      });
      expect(lexicalPost[6]).toEqual({
        type: "code",
        language: "sql",
        code: "SELECT ward\n  FROM ballots;",
      });
      // An HTML card is the author's own markup: kept as legacy HTML, its merged cells intact.
      expect(lexicalPost[7]).toMatchObject({
        type: "html",
        reason: "ghost:html",
        html: expect.stringContaining('<td colspan="2">Merged</td>'),
      });
    });

    it("resolves a gallery's images as single images are, reporting the one the copy lacks", () => {
      const gallery = lexicalPost[4] as GalleryBlock;
      expect(gallery).toEqual({
        type: "gallery",
        images: [
          { mediaId: expect.any(String), alt: "The count hall", caption: text("Midnight") },
          { mediaId: expect.any(String), alt: "Ballot boxes" },
        ],
        caption: [{ text: "Election night in " }, { text: "pictures", bold: true }],
      });
      expect(report.mediaMissing.map((m) => m.url)).toEqual([
        expect.stringMatching(/\/content\/images\/2023\/07\/lost\.jpg$/),
      ]);
    });

    it("reads mobiledoc's code card, aside and gallery alike", () => {
      expect(mobiledocPost).toEqual([
        { type: "paragraph", content: text("The count, from Ghost 4.") },
        { type: "code", language: "sql", code: "SELECT 1;" },
        { type: "pullquote", content: text("Nobody expected it.") },
        {
          type: "gallery",
          images: [
            { mediaId: (lexicalPost[4] as GalleryBlock).images[1]?.mediaId, alt: "Ballot boxes" },
          ],
        },
      ]);
    });

    it("serves the typed blocks", async () => {
      const page = await app.inject({ url: "/articles/count-lexical" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<code class="language-python">def winner(votes):');
      expect(page.body).toMatch(/<aside class="pull-quote"><p>Every vote was counted twice\.<\/p>/);
      expect(page.body).toContain('<figure class="gallery">');
      expect(page.body).toContain('<th scope="col">Ward</th>');
      expect(page.body).toContain('<td colspan="2">Merged</td>');
    });
  });
