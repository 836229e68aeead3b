// Property, on each database: any string sent through a text field of the admin API is either
// stored and read back as the text policy says (src/content/text.ts) or refused with 400 naming
// the field, never a 500, and the decision is the same on SQLite and PostgreSQL. Strings are any
// UTF-16 code units (unpaired surrogates and NUL included), any Unicode, and line breaks.
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanText, normalizeLineBreaks, textProblem } from "../../src/content/index.js";
import { type ContentApp, type Staff, useContentApp } from "../api/content/app.js";
import { DATABASES } from "../helpers/databases.js";
import { uniqueSlug } from "../helpers/fixtures.js";

/** Anything a client could put in a JSON string. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.string({ unit: "binary", maxLength: 4 }),
      fc.constantFrom("\u0000", "\r\n", "\n", "\t", " ", "\uD83D", "\uDE00", "😀", "é", "\u007f"),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

interface Written {
  res: LightMyRequestResponse;
  /** The stored value, read back through the API (only asked after a 2xx). */
  readBack(): Promise<unknown>;
}

/** A text field of the admin API: how to write a value to it and read it back. */
interface Field {
  name: string;
  /** line: refused when unclean (textField); prose: cleaned (proseField). */
  kind: "line" | "prose";
  min: number;
  max: number;
  /** Whether the schema trims it (a text run does not: its spaces join it to the next run). */
  trim?: false;
  write(t: ContentApp, who: { editor: Staff; owner: Staff }, value: string): Promise<Written>;
}

const FIELDS: Field[] = [
  {
    name: "name",
    kind: "line",
    min: 1,
    max: 120,
    async write(t, { editor }, value) {
      const res = await t.call(editor, "POST", "/people", { slug: uniqueSlug("p"), name: value });
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/people/${res.json().person.id}`)).json().person.name,
      };
    },
  },
  {
    name: "bio",
    kind: "prose",
    min: 0,
    max: 5000,
    async write(t, { editor }, value) {
      const body = { slug: uniqueSlug("p"), name: "Ida", bio: value };
      const res = await t.call(editor, "POST", "/people", body);
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/people/${res.json().person.id}`)).json().person.bio,
      };
    },
  },
  {
    name: "name",
    kind: "line",
    min: 1,
    max: 80,
    async write(t, { editor }, value) {
      const res = await t.call(editor, "POST", "/tags", { slug: uniqueSlug("t"), name: value });
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/tags/${res.json().tag.id}`)).json().tag.name,
      };
    },
  },
  {
    name: "description",
    kind: "prose",
    min: 0,
    max: 1000,
    async write(t, { editor }, value) {
      const body = { slug: uniqueSlug("s"), name: "City", description: value };
      const res = await t.call(editor, "POST", "/sections", body);
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/sections/${res.json().section.id}`)).json().section
            .description,
      };
    },
  },
  {
    name: "headline",
    kind: "line",
    min: 1,
    max: 200,
    async write(t, { editor }, value) {
      const res = await t.call(
        editor,
        "POST",
        "/articles",
        t.basics.articleInput({ headline: value }),
      );
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/articles/${res.json().article.id}`)).json().article
            .headline,
      };
    },
  },
  {
    name: "body.0.content.0.text",
    kind: "prose",
    trim: false,
    // A draft keeps an empty paragraph as an unfinished block (src/content/incomplete-block.ts).
    min: 0,
    max: Number.POSITIVE_INFINITY,
    async write(t, { editor }, value) {
      const input = t.basics.articleInput({
        body: [{ type: "paragraph", content: [{ text: value }] }],
      });
      const res = await t.call(editor, "POST", "/articles", input);
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/articles/${res.json().article.id}`)).json().article.body[0]
            .content[0].text,
      };
    },
  },
  {
    name: "tagline",
    kind: "line",
    min: 0,
    max: 300,
    async write(t, { owner }, value) {
      const res = await t.call(owner, "PUT", "/settings", { title: "Gazette", tagline: value });
      return {
        res,
        readBack: async () => (await t.call(owner, "GET", "/settings")).json().tagline,
      };
    },
  },
  {
    name: "entries.0.title",
    kind: "line",
    min: 1,
    max: 300,
    async write(t, { editor }, value) {
      const body = { slug: uniqueSlug("k"), title: "Pardons", entries: [{ title: value }] };
      const res = await t.call(editor, "POST", "/trackers", body);
      return {
        res,
        readBack: async () =>
          (await t.call(editor, "GET", `/trackers/${res.json().tracker.id}`)).json().tracker
            .entries[0].title,
      };
    },
  },
  {
    name: "alt",
    kind: "line",
    min: 1,
    max: 500,
    async write(t, { editor }, value) {
      const url = `/media/${t.basics.media.id}`;
      const { version } = (await t.call(editor, "GET", url)).json().media;
      const res = await t.call(editor, "PATCH", url, { version, alt: value });
      return { res, readBack: async () => (await t.call(editor, "GET", url)).json().media.alt };
    },
  },
];

/** What the policy makes of `value` in a field of `kind`: the stored text, or "refused". */
function expected(field: Field, value: string): string {
  const trim = (text: string) => (field.trim === false ? text : text.trim());
  const text =
    field.kind === "line"
      ? textProblem(normalizeLineBreaks(value)) === undefined
        ? trim(normalizeLineBreaks(value))
        : undefined
      : trim(cleanText(value));
  if (text === undefined || text.length < field.min || text.length > field.max) return "refused";
  return text;
}

for (const db of DATABASES)
  describe(`any text through the admin API on ${db.name}`, () => {
    const t = useContentApp(db);
    let who: { editor: Staff; owner: Staff };
    beforeAll(async () => {
      who = { editor: await t().staff("editor"), owner: await t().staff("owner") };
    });

    it("is stored and read back as the policy says, or refused with 400 naming the field", async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...FIELDS), anyText, async (field, value) => {
          const { res, readBack } = await field.write(t(), who, value);
          const outcome =
            res.statusCode === 400
              ? (res.json().error.issues ?? []).some((i: { path: string }) => i.path === field.name)
                ? "refused"
                : `400 not naming ${field.name}: ${res.body}`
              : res.statusCode < 300
                ? await readBack()
                : `${res.statusCode} ${res.body}`;
          expect(outcome).toEqual(expected(field, value));
        }),
        { numRuns: 40 },
      );
    });
  });
