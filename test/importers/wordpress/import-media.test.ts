// Images fetched from the old site (a local HTTP server standing in for it) and a page whose
// slug the site uses itself, on each database.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { importWordPress } from "../../../src/importers/wordpress/import.js";
import { descriptionOf } from "../../../src/importers/wordpress/media.js";
import { buildServer } from "../../../src/server.js";
import { listMedia } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";

const FIXTURE = path.resolve("test/fixtures/wordpress/full-1.2.xml");

describe("an attachment's description as a media item's", () => {
  const of = (description: string) =>
    descriptionOf({ id: "1", url: "", title: "", alt: "", caption: "", credit: "", description });

  it("is plain text, paragraphs on their own lines", () => {
    expect(of("<p>Boats &amp; nets</p>\n\n<p>At <em>dawn</em>.</p>")).toBe(
      "Boats & nets\nAt dawn.",
    );
    expect(descriptionOf(undefined)).toBe("");
  });

  it("is cut to 5000 characters, never between the halves of an emoji", () => {
    expect(of("x".repeat(6000))).toHaveLength(5000);
    expect(of(`${"x".repeat(4999)}🐟🐟`)).toBe("x".repeat(4999));
  });
});

describe("WordPress import with --fetch-media", () => {
  let server: Server;
  let origin: string;
  let dir: string;
  let file: string;
  const requested: string[] = [];

  beforeAll(async () => {
    const jpeg = await sharp({
      create: { width: 800, height: 500, channels: 3, background: "#336699" },
    })
      .jpeg()
      .toBuffer();
    server = createServer((req, res) => {
      requested.push(req.url ?? "");
      // The old site has the originals; "protest-crowd" is gone from it.
      if (req.url === "/wp-content/uploads/2019/05/harbour.jpg")
        res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), "mh-wp-fetch-"));
    file = path.join(dir, "export.xml");
    const xml = (await readFile(FIXTURE, "utf8"))
      .replaceAll("https://example.org/wp-content/uploads", `${origin}/wp-content/uploads`)
      // The harbour photo's description with the markup editors put there, to be kept as text.
      .replace(
        "<content:encoded><![CDATA[Fishing boats moored in the inner harbour, shot from the north pier.]]>",
        `<content:encoded><![CDATA[<p>Fishing boats moored in the <strong>inner harbour</strong>, shot from the north pier.</p>\n\n<p>Fish &amp; chips stalls line the <a href="https://example.org/quay">quay</a>.</p>${" Nets.".repeat(1000)}]]>`,
      )
      .replace(
        "<wp:post_name><![CDATA[ethics]]></wp:post_name>",
        "<wp:post_name><![CDATA[search]]></wp:post_name>",
      );
    await writeFile(file, xml);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  for (const db of DATABASES)
    it(`downloads what it can, reports the rest, never hot-links (${db.name})`, async () => {
      const store = await db.open();
      const dataDir = await mkdtemp(path.join(dir, "data-"));
      const app = await buildServer({
        config: loadConfig({ MASTHEAD_DATA_DIR: dataDir }),
        store,
        logLevel: "silent",
      });
      try {
        requested.length = 0;
        const report = await importWordPress(store, file, { dataDir, fetchMedia: true });
        expect(report.counts.media.imported).toBe(1);
        expect(report.mediaMissing.map((m) => [m.url, m.reason])).toEqual([
          [`${origin}/wp-content/uploads/2019/05/protest-crowd.jpg`, "download answered 404"],
        ]);
        // Sized copies in content were fetched as their original, once.
        expect(requested.filter((u) => u.endsWith("harbour.jpg")).length).toBe(1);
        expect(requested.some((u) => /-\d+x\d+\./.test(u))).toBe(false);
        // The attachment's description is kept as plain text, cut to what the library holds.
        const [harbour] = (await listMedia(store, { limit: 10, offset: 0 })).items.filter(
          (m) => m.alt === "Fishing boats moored in the harbour at dawn",
        );
        expect(harbour?.description).toMatch(
          /^Fishing boats moored in the inner harbour, shot from the north pier\.\nFish & chips stalls line the quay\.\nNets\. Nets\./,
        );
        // 6,000 characters of nets in the export: cut at the library's 5,000, trailing space trimmed.
        expect(harbour?.description.length).toBeGreaterThan(4990);
        expect(harbour?.description.length).toBeLessThanOrEqual(5000);
        expect(harbour?.description).toMatch(/Nets\.$/);
        expect(harbour?.description).not.toMatch(/[<>]/);
        const page = await app.inject({ url: "/articles/harbour-reopens" });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain("<picture");
        expect(page.body).not.toMatch(new RegExp(`(src|srcset)="${origin}`));

        // The page WordPress called "search" cannot take /search here: it gets its id added.
        expect(
          report.notes.some((n) => n.id === "21" && /used by the site itself/.test(n.reason)),
        ).toBe(true);
        expect((await app.inject({ url: "/search-21" })).statusCode).toBe(200);
        const moved = await app.inject({ url: "/about/ethics/" });
        expect([moved.statusCode, moved.headers.location]).toEqual([301, "/search-21"]);
      } finally {
        await app.close();
        await store.close();
      }
    }, 60_000);
});
