import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CdataRepair } from "../../../src/importers/wordpress/cdata-repair.js";
import type {
  WxrAuthor,
  WxrItem,
  WxrRecord,
  WxrSite,
  WxrTerm,
} from "../../../src/importers/wordpress/records.js";
import { readWxr, WxrError } from "../../../src/importers/wordpress/wxr.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/wordpress");
const fixture = (name: string) => join(FIXTURES, name);

async function readAll(file: string): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  for await (const record of readWxr(file)) records.push(record);
  return records;
}

async function refusal(file: string): Promise<WxrError> {
  try {
    await readAll(file);
  } catch (error) {
    if (error instanceof WxrError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be refused`);
}

const sites = (rs: WxrRecord[]) => rs.filter((r): r is WxrSite => r.kind === "site");
const authors = (rs: WxrRecord[]) => rs.filter((r): r is WxrAuthor => r.kind === "author");
const terms = (rs: WxrRecord[]) => rs.filter((r): r is WxrTerm => r.kind === "term");
const items = (rs: WxrRecord[]) => rs.filter((r): r is WxrItem => r.kind === "item");
const item = (rs: WxrRecord[], id: string) => {
  const found = items(rs).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const meta = (list: { key: string; value: string }[], key: string) =>
  list.find((m) => m.key === key)?.value;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "masthead-wxr-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("a WordPress 6 export (full-1.2.xml)", () => {
  let records: WxrRecord[];
  beforeAll(async () => {
    records = await readAll(fixture("full-1.2.xml"));
  });

  it("yields the site first, then authors and terms, then items, in file order", () => {
    expect(records[0]).toEqual({
      kind: "site",
      wxrVersion: "1.2",
      title: "The Harbour Gazette",
      link: "https://example.org",
      baseSiteUrl: "https://example.org",
      baseBlogUrl: "https://example.org",
      language: "en-GB",
    });
    expect(sites(records)).toHaveLength(1);
    expect(authors(records)).toHaveLength(3);
    expect(terms(records)).toHaveLength(10);
    expect(items(records).map((i) => i.id)).toEqual(
      "100 101 102 10 11 12 13 14 15 16 17 18 20 21 30 40 50".split(" "),
    );
    const firstItem = records.findIndex((r) => r.kind === "item");
    expect(records.slice(firstItem).every((r) => r.kind === "item")).toBe(true);
  });

  it("reads authors, whose display names may differ from their logins", () => {
    expect(authors(records)[0]).toEqual({
      kind: "author",
      id: "1",
      login: "editor-in-chief",
      email: "maria@example.org",
      displayName: "Maria Okonkwo-Brandt",
      firstName: "Maria",
      lastName: "Okonkwo-Brandt",
    });
    expect(authors(records)[2]?.displayName).toBe("ليلى حداد");
  });

  it("reads nested categories by their parents' slugs, tags, custom taxonomies and term meta", () => {
    const bySlug = new Map(terms(records).map((t) => [t.slug, t]));
    expect(bySlug.get("europe")).toMatchObject({
      id: "4",
      taxonomy: "category",
      name: "Europe",
      parentSlug: "world",
      meta: [{ key: "_yoast_wpseo_title", value: "European news" }],
    });
    expect(bySlug.get("world")?.parentSlug).toBe("news");
    expect(bySlug.get("news")).toMatchObject({
      parentSlug: "",
      description: "Reporting from the coast & beyond",
    });
    expect(bySlug.get("cafe-culture")).toMatchObject({
      taxonomy: "post_tag",
      name: "Café culture ☕",
    });
    expect(bySlug.get("climate")?.description).toBe("Our climate desk");
    expect(bySlug.get("investigations-2019")).toMatchObject({
      id: "20",
      taxonomy: "series",
      meta: [{ key: "series_order", value: "1" }],
    });
    expect(bySlug.get("main-menu")).toMatchObject({ id: "21", taxonomy: "nav_menu" });
  });

  it("reads a classic post with every item field, its terms, meta and threaded comments", () => {
    const post = item(records, "10");
    expect(post).toMatchObject({
      title: "Harbour reopens after storm",
      link: "https://example.org/2019/05/03/harbour-reopens/",
      guid: "https://example.org/?p=10",
      creator: "editor-in-chief",
      excerpt: "The harbour reopened three days after the storm.",
      postDate: "2019-05-03 10:00:00",
      postDateGmt: "2019-05-03 08:00:00",
      modified: "2019-05-04 09:12:31",
      modifiedGmt: "2019-05-04 07:12:31",
      commentStatus: "open",
      slug: "harbour-reopens",
      status: "publish",
      postType: "post",
      parentId: "0",
      menuOrder: "0",
      password: "",
      sticky: true,
      attachmentUrl: "",
    });
    expect(post.content).toMatch(/^The harbour reopened on Friday/);
    expect(post.content).toContain(
      '[caption id="attachment_100" align="aligncenter" width="1024"]',
    );
    expect(post.content).toContain("\n\nhttps://www.youtube.com/watch?v=9bZkp7q19f0\n\n");
    expect(post.content).toMatch(/\[contact-form-7 id="12" title="Tips"\]$/);
    expect(post.terms).toEqual([
      { domain: "category", nicename: "europe", name: "Europe" },
      { domain: "category", nicename: "news", name: "News" },
      { domain: "post_tag", nicename: "climate", name: "Climate" },
      { domain: "post_tag", nicename: "cafe-culture", name: "Café culture ☕" },
      { domain: "series", nicename: "investigations-2019", name: "Investigations 2019" },
    ]);
    expect(meta(post.meta, "_thumbnail_id")).toBe("100");
    expect(post.meta).toHaveLength(6);

    const comments = post.comments;
    expect(comments.map((c) => [c.id, c.parentId, c.approved, c.type])).toEqual([
      ["201", "0", "1", "comment"],
      ["202", "201", "1", "comment"],
      ["203", "202", "1", "comment"],
      ["204", "0", "0", "comment"],
      ["205", "0", "spam", "comment"],
      ["206", "0", "trash", "comment"],
      ["207", "999", "1", "comment"],
      ["208", "0", "1", "pingback"],
      ["209", "0", "1", "trackback"],
    ]);
    expect(comments[0]).toMatchObject({
      authorName: "Tom Fisher",
      authorEmail: "tom@example.net",
      authorUrl: "https://tomfisher.example",
      date: "2019-05-03 11:20:00",
      dateGmt: "2019-05-03 09:20:00",
      content: "Great news for the town! 🎉⚓",
      userId: "0",
    });
    expect(comments[0]?.meta.map((m) => m.key)).toEqual(["akismet_result", "akismet_history"]);
    expect(comments[1]?.userId).toBe("1");
    expect(comments[2]?.content).toBe("شكراً على المتابعة. שלום!");
    expect(comments[5]?.meta).toHaveLength(2);
    expect(comments[8]?.content).toBe("<strong>Harbour open</strong>\n\nA trackback excerpt.");
  });

  it("reads attachments with alt text, caption, description and credit", () => {
    const image = item(records, "100");
    expect(image).toMatchObject({
      postType: "attachment",
      status: "inherit",
      parentId: "10",
      attachmentUrl: "https://example.org/wp-content/uploads/2019/05/harbour.jpg",
      excerpt: "The harbour at dawn.",
      content: "Fishing boats moored in the inner harbour, shot from the north pier.",
    });
    expect(meta(image.meta, "_wp_attachment_image_alt")).toBe(
      "Fishing boats moored in the harbour at dawn",
    );
    expect(meta(image.meta, "_media_credit")).toBe("Jonas Weber");
    expect(meta(image.meta, "_wp_attachment_metadata")).toMatch(/^a:5:\{s:5:"width";i:2048;/);
    expect(meta(item(records, "101").meta, "_credit")).toBe("Agence Exemple / A. Martin");
    expect(item(records, "102").attachmentUrl).toMatch(/interview\.mp4$/);
  });

  it("reads block-editor markup as written", () => {
    const content = item(records, "11").content;
    for (const block of [
      "paragraph",
      "heading",
      "list",
      "quote",
      "pullquote",
      "image",
      "gallery",
      "embed",
      "video",
      "separator",
      "table",
      "code",
      "preformatted",
      "columns",
      "group",
      "html",
    ]) {
      expect(content).toContain(`<!-- wp:${block}`);
    }
    expect(content).toContain('<!-- wp:block {"ref":40} /-->');
    expect(content).toContain("if (seats.green &gt; seats.blue)");
  });

  it("reads every status, drafts' ?p= links, passwords, formats, pages and other post types", () => {
    expect(["12", "13", "14", "15", "16"].map((id) => item(records, id).status)).toEqual([
      "draft",
      "future",
      "pending",
      "private",
      "publish",
    ]);
    expect(item(records, "12")).toMatchObject({
      link: "https://example.org/?p=12",
      slug: "",
      postDateGmt: "0000-00-00 00:00:00",
    });
    expect(item(records, "16").password).toBe("hunter2");
    expect(item(records, "17").terms).toContainEqual({
      domain: "post_format",
      nicename: "post-format-video",
      name: "Video",
    });
    expect(item(records, "20")).toMatchObject({ postType: "page", slug: "about", parentId: "0" });
    expect(item(records, "21")).toMatchObject({
      postType: "page",
      slug: "ethics",
      parentId: "20",
      menuOrder: "1",
      link: "https://example.org/about/ethics/",
    });
    expect(item(records, "30")).toMatchObject({ postType: "nav_menu_item", title: "" });
    expect(meta(item(records, "30").meta, "_menu_item_object_id")).toBe("20");
    expect(item(records, "40").postType).toBe("wp_block");
    expect(item(records, "50")).toMatchObject({
      postType: "event",
      guid: "https://example.org/?post_type=event&p=50",
    });
  });

  it("keeps unicode exactly and restores ]]> from the split CDATA form", () => {
    const post = item(records, "18");
    expect(post.title).toBe(
      "🌊 Sea levels: «مرحبا» and שלום — e\u0301te\u0301 at 海の日 \u202Egnp.exe\u202C 👩\u200d👩\u200d👧 🇵🇹",
    );
    expect(post.content).toBe(
      "<p>Arabic: مرحبا بالعالم. Hebrew: שלום עולם. Mixed: the word \u202Ereversed\u202C and \u2067isolated\u2069.</p>\n" +
        "<p>Combining: Ame\u0301lie, Zoe\u0308, n\u0303. CJK: 東京、서울、北京. Emoji: 👍🏽 🏳️\u200d🌈.</p>\n" +
        "<p>The sequence ]]> closes a CDATA section; so does <code>]]></code> twice: ]]>]]>.</p>",
    );
    expect(post.excerpt).toBe("Excerpt with ]]> inside.");
    expect(post.slug).toBe("%d9%85%d8%b1%d8%ad%d8%a8%d8%a7");
    expect(post.link).toBe("https://example.org/2019/07/15/%d9%85%d8%b1%d8%ad%d8%a8%d8%a7/");
    expect(post.comments[0]).toMatchObject({
      authorName: "雅子 🌸",
      content: "素晴らしい記事です。 \u202Eevil\u202C ]]> end",
    });
  });

  it("reports progress in bytes up to the file's size", async () => {
    const calls: [number, number][] = [];
    for await (const _ of readWxr(fixture("full-1.2.xml"), {
      onProgress: (read, total) => calls.push([read, total]),
    })) {
      // reading only
    }
    const { size } = await stat(fixture("full-1.2.xml"));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([size, size]);
  });
});

describe("other exports", () => {
  it("reads a wordpress.com export, whose atom: prefix is never declared", async () => {
    const records = await readAll(fixture("wpcom-1.2.xml"));
    expect(records[0]).toMatchObject({
      wxrVersion: "1.2",
      baseSiteUrl: "http://wordpress.com/",
      baseBlogUrl: "https://tidetables.wordpress.com",
    });
    expect(authors(records)).toEqual([
      {
        kind: "author",
        id: "218803517",
        login: "tidetableswriter",
        email: "writer@example.com",
        displayName: "Rosa Lindqvist",
        firstName: "Rosa",
        lastName: "Lindqvist",
      },
    ]);
    expect(terms(records)).toHaveLength(2);
    expect(items(records).map((i) => [i.id, i.postType])).toEqual([
      ["7", "post"],
      ["9", "attachment"],
    ]);
    expect(item(records, "7").comments[0]?.meta).toEqual([
      { key: "jabber_published", value: "1679389200" },
    ]);
  });

  it("reads WXR 1.0: parents named by name become slugs, tag domains become post_tag", async () => {
    const records = await readAll(fixture("classic-1.0.xml"));
    expect(records[0]).toMatchObject({ wxrVersion: "1.0", title: "Harbour Notes" });
    expect(authors(records)).toHaveLength(0);
    expect(terms(records).map((t) => [t.taxonomy, t.slug, t.parentSlug, t.id])).toEqual([
      ["category", "local-news", "", ""],
      ["category", "boats", "local-news", ""],
      ["category", "uncategorized", "", ""],
      ["post_tag", "ferries", "", ""],
    ]);
    const post = item(records, "5");
    expect(post.title).toBe("Ferry “Marie” back in service");
    expect(post.terms).toEqual([
      { domain: "category", nicename: "boats", name: "Boats" },
      { domain: "post_tag", nicename: "ferries", name: "ferries" },
    ]);
    expect(post.modified).toBe("");
    expect(post.comments[0]).toMatchObject({ id: "2", authorName: "Pete", type: "" });
  });

  it("reads WordPress importer's own WXR 1.1 sample", async () => {
    const records = await readAll(fixture("small-1.1.xml"));
    expect(records.map((r) => r.kind)).toEqual([
      "site",
      "author",
      "author",
      "term",
      "term",
      "term",
      "item",
      "item",
    ]);
    expect(item(records, "1").comments[0]?.content).toMatch(/view the post&#039;s comments/);
    expect(terms(records)[2]).toMatchObject({ taxonomy: "post_tax", slug: "bieup" });
  });

  it("reads raw ]]> inside CDATA the way WordPress's importer does", async () => {
    const records = await readAll(fixture("broken-cdata.xml"));
    const post = item(records, "7");
    expect(post.content).toBe(
      'Here is the counter:\n<script type="text/javascript">\n//<![CDATA[\nvar visits = data[data.length-1]]]>0 ? 1 : 0;\n//]]>\n</script>\nA literal ]]> in a sentence, and ]]><b>bold after it</b>.',
    );
    expect(post.excerpt).toBe("Short ]]> excerpt");
    expect(post.comments[0]?.content).toBe("Use a[b[0]]]> instead.");
    expect(item(records, "8").content).toBe("Nothing special here.");
  });

  it("honours an ISO-8859-1 declaration, as old WordPress wrote for such sites", async () => {
    const records = await readAll(fixture("latin1-declared.xml"));
    expect(records[0]).toMatchObject({ title: "Café du Port" });
    expect(item(records, "3")).toMatchObject({
      title: "Crème brûlée",
      content: "Délicieux, à ne pas manquer.",
    });
  });

  it("yields both items when two share a post id (the importer decides)", async () => {
    const records = await readAll(fixture("duplicate-ids.xml"));
    expect(items(records).map((i) => [i.id, i.slug])).toEqual([
      ["42", "first-copy"],
      ["42", "second-copy"],
    ]);
  });

  it("tells elements apart by namespace URI, whatever their prefix", async () => {
    const file = join(tmp, "prefixes.xml");
    await writeFile(
      file,
      `<?xml version="1.0"?>
<rss xmlns:w="https://wordpress.org/export/1.2/" xmlns:body="http://purl.org/rss/1.0/modules/content/" xmlns:ex="http://wordpress.org/export/1.2/excerpt/" xmlns:foo="urn:not-wordpress">
<channel><w:wxr_version>1.2</w:wxr_version>
<item><title>T</title><w:post_id>9</w:post_id><foo:post_id>1</foo:post_id><body:encoded>Body</body:encoded><ex:encoded>Ex</ex:encoded>
<w:comment><w:comment_id>3</w:comment_id><w:comment_content>Hi</w:comment_content></w:comment></item>
</channel></rss>`,
    );
    const records = await readAll(file);
    expect(item(records, "9")).toMatchObject({ content: "Body", excerpt: "Ex" });
    expect(item(records, "9").comments).toHaveLength(1);
  });

  it("replaces control characters with spaces, as WordPress's importer does", async () => {
    const file = join(tmp, "control.xml");
    await writeFile(
      file,
      `<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>1</wp:post_id><content:encoded><![CDATA[a\x0Bb\x1Fc]]></content:encoded></item></channel></rss>`,
    );
    expect(item(await readAll(file), "1").content).toBe("a b c");
  });
});

describe("the CDATA repair", () => {
  it("gives the same text whatever the chunk boundaries", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(fixture("broken-cdata.xml"), "utf8");
    const whole = new CdataRepair();
    const expected = whole.push(text) + whole.end();
    expect(whole.repaired).toBe(6);
    const byChar = new CdataRepair();
    let out = "";
    for (const c of text) out += byChar.push(c);
    expect(out + byChar.end()).toBe(expected);
  });

  it("leaves valid XML, including the modern split form, unchanged", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(fixture("full-1.2.xml"), "utf8");
    const repair = new CdataRepair();
    expect(repair.push(text) + repair.end()).toBe(text);
    expect(repair.repaired).toBe(0);
  });
});

describe("bad input is refused with a clear error", () => {
  const cases: [string, RegExp][] = [
    ["no-version.xml", /^not a WordPress export \(WXR\): the channel has no <wp:wxr_version>/],
    ["unknown-version.xml", /<wp:wxr_version> is "9\.9", expected 1\.0, 1\.1 or 1\.2/],
    ["rss-feed.xml", /^this is an RSS feed, not a WordPress export/],
    ["ghost-export.json", /looks like a Ghost JSON export.*use `masthead import ghost`/],
    ["binary.bin", /^this is a binary file, not a WordPress export/],
    ["latin1.xml", /^the file is not UTF-8: byte 0xE9 .*iconv -f ISO-8859-1 -t UTF-8/],
    ["billion-laughs.xml", /has a DOCTYPE declaration.*entity expansion, external entities/],
    ["xxe.xml", /has a DOCTYPE declaration/],
  ];
  for (const [name, reason] of cases) {
    it(`${name}`, async () => {
      const error = await refusal(fixture(name));
      expect(error.code).toBe("MH_IMPORT_INVALID");
      expect(error.reason).toMatch(reason);
      expect(error.message).toContain(name);
    });
  }

  it("a truncated file, naming the item it ends in and where", async () => {
    const error = await refusal(fixture("truncated.xml"));
    expect(error.reason).toMatch(/ends in the middle of the XML.*looks truncated/);
    expect(error).toMatchObject({ itemId: "10", itemTitle: "Harbour reopens after storm" });
    expect(error.line).toBeGreaterThan(300);
    expect(error.message).toMatch(/line \d+, column \d+, in item 10 “Harbour reopens after storm”/);
  });

  it("a file that is not UTF-8, naming the byte offset", async () => {
    const error = await refusal(fixture("latin1.xml"));
    expect(error.byteOffset).toBe(226);
  });

  it("entities are never expanded nor resolved", async () => {
    for (const name of ["billion-laughs.xml", "xxe.xml"]) {
      let yielded = 0;
      await expect(async () => {
        for await (const _ of readWxr(fixture(name))) yielded++;
      }).rejects.toThrow(WxrError);
      expect(yielded).toBe(0);
    }
  });

  it("corrupted XML, naming the item", async () => {
    const file = join(tmp, "corrupt.xml");
    await writeFile(
      file,
      `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Broken</title><wp:post_id>5</wp:post_id><wp:status>publish</wp:post_type></item></channel></rss>`,
    );
    const error = await refusal(file);
    expect(error.reason).toMatch(/^the file is not well-formed XML \(unexpected close tag\)/);
    expect(error).toMatchObject({ line: 2, itemId: "5", itemTitle: "Broken" });
  });

  it("a ZIP archive, an empty file, a missing file, an Atom feed", async () => {
    const zip = join(tmp, "export.zip");
    await writeFile(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    expect((await refusal(zip)).reason).toMatch(/ZIP archive.*unzip it/);
    const empty = join(tmp, "empty.xml");
    await writeFile(empty, "");
    expect((await refusal(empty)).reason).toMatch(/the file is empty/);
    expect((await refusal(join(tmp, "missing.xml"))).reason).toMatch(/there is no file at/);
    const atom = join(tmp, "atom.xml");
    await writeFile(atom, '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>');
    expect((await refusal(atom)).reason).toMatch(/an Atom feed/);
  });
});

describe("memory", () => {
  it("stays flat while a large file streams through", async () => {
    const file = join(tmp, "large.xml");
    const out = createWriteStream(file);
    out.write(
      `<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<wp:wxr_version>1.2</wp:wxr_version>\n`,
    );
    const body = `<p>${"Harbour news paragraph with café and 🌊. ".repeat(100)}</p>`;
    const count = 12_000; // ~50 MB
    for (let id = 1; id <= count; id++) {
      const chunk = `<item><title><![CDATA[Post ${id}]]></title><wp:post_id>${id}</wp:post_id><content:encoded><![CDATA[${body}]]></content:encoded></item>\n`;
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end("</channel>\n</rss>\n");
    await once(out, "finish");
    const { size } = await stat(file);
    expect(size).toBeGreaterThan(50_000_000);

    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let seen = 0;
    for await (const record of readWxr(file)) {
      if (record.kind === "item") seen++;
      if (seen % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    expect(seen).toBe(count);
    // Holding the items would take over 50 MB; streaming holds a chunk and some garbage.
    expect(peak).toBeLessThan(40 * 1024 * 1024);
  }, 60_000);
});
