// Markup typed into a headline, a name, a section or a tag reaches feed readers as the
// characters typed, never as markup, in RSS, Atom and JSON Feed (issue 12, point 9). RSS has no
// content types, so readers take its titles, names and categories as HTML: there the text must
// be HTML-escaped once more. Atom says per element whether it is text or html; JSON Feed's
// titles, names and tags are plain text by the standard.
import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLParser } from "fast-xml-parser";
import { DomUtils, parseDocument } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import { createPerson, createSection, createTag } from "../../src/store/index.js";
import { useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";
import { personInput, sectionInput, tagInput } from "../helpers/fixtures.js";

const HEADLINE = `<b>Bold</b> & "quotes" in the headline`;
const NAME = `Ada <i>the</i> & "Co" <script>x()</script> Smith`;
const SECTION = `<em>World</em> & "more"`;
const TAG = `<u>Budget</u> & <img src=x onerror=alert(1)>`;

/** What a reader that renders the text as HTML shows: its text, and whether any element came. */
function asHtml(text: string): { shown: string; elements: number } {
  const doc = parseDocument(text);
  return {
    shown: DomUtils.textContent(doc),
    elements: DomUtils.findAll(() => true, doc.children).length,
  };
}

/** An element's text content as an XML parser reads it (CDATA and entities resolved). */
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  isArray: (name) => ["item", "entry", "category", "author"].includes(name),
});
const textOf = (node: unknown): string =>
  typeof node === "string" ? node : String((node as Record<string, unknown>)["#text"] ?? "");

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    let sectionSlug = "";
    beforeAll(async () => {
      const { store } = t();
      const section = await createSection(store, sectionInput({ name: SECTION }));
      const person = await createPerson(store, personInput({ name: NAME }));
      const tag = await createTag(store, tagInput({ name: TAG }));
      sectionSlug = section.slug;
      await t().article({
        status: "published",
        authorId: person.id,
        input: { headline: HEADLINE, sectionId: section.id, tagIds: [tag.id] },
      });
    });
    const get = async (url: string) => {
      const res = await t().app.inject(url);
      expect(res.statusCode).toBe(200);
      return res.body;
    };

    it("RSS: titles, names and categories are HTML-escaped text, shown literally by an HTML-rendering reader", async () => {
      const body = await get(`/sections/${sectionSlug}/feed.xml`);
      const channel = xml.parse(body).rss.channel;
      const item = channel.item[0];
      const fields: [string, string][] = [
        [textOf(item.title), HEADLINE],
        [textOf(item["dc:creator"]), NAME],
        ...item.category.map((c: unknown, i: number): [string, string] => [
          textOf(c),
          [SECTION, TAG][i] as string,
        ]),
      ];
      expect(fields).toHaveLength(4);
      for (const [text, literal] of fields)
        expect(asHtml(text)).toEqual({ shown: literal, elements: 0 });
      // The channel title names the section: markup there is text too.
      const channelTitle = asHtml(textOf(channel.title));
      expect(channelTitle.elements).toBe(0);
      expect(channelTitle.shown.startsWith(SECTION)).toBe(true);

      const feed = parseFeed(body);
      expect(feed.items[0]?.title).toBe(HEADLINE);
      expect(feed.items[0]?.authors.map((a) => a.name)).toEqual([NAME]);
      expect(feed.items[0]?.categories.map((c) => c.label)).toEqual([SECTION, TAG]);
    });

    it("Atom: the entry title is escaped html, names and the feed title are text", async () => {
      const body = await get(`/sections/${sectionSlug}/atom.xml`);
      const doc = xml.parse(body).feed;
      const entry = doc.entry[0];
      expect(entry.title["@type"]).toBe("html");
      expect(asHtml(textOf(entry.title))).toEqual({ shown: HEADLINE, elements: 0 });
      // Text constructs without a type are text: the characters are the name.
      expect(textOf(entry.author[0].name)).toBe(NAME);
      expect(doc.title["@type"] ?? "text").toBe("text");
      expect(textOf(doc.title).startsWith(SECTION)).toBe(true);
      // Categories: the slug as term; a label holding "<" is left out (see build.ts).
      for (const c of entry.category) expect(c["@label"] ?? "").not.toContain("<");

      const feed = parseFeed(body);
      expect(feed.items[0]?.title).toBe(HEADLINE);
      expect(feed.items[0]?.authors.map((a) => a.name)).toEqual([NAME]);
    });

    it("JSON Feed: titles, names and tags are the plain text, as the standard defines them", async () => {
      const doc = JSON.parse(await get(`/sections/${sectionSlug}/feed.json`));
      const [item] = doc.items;
      expect(item.title).toBe(HEADLINE);
      expect(item.authors.map((a: { name: string }) => a.name)).toEqual([NAME]);
      expect(item.tags).toEqual([SECTION, TAG]);
      expect(doc.title.startsWith(SECTION)).toBe(true);
    });
  });
