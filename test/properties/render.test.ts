// Property: any valid article, whatever its text, renders to HTML in which no text became markup.
// Documents are generated from the block schemas (src/content/blocks.ts) with strings made of
// markup fragments that would break out of an element or an attribute if written unescaped,
// each carrying the marker `x-evil`; the page is then parsed as a browser would read it.

import { type ChildNode, type Element, isTag, isText } from "domhandler";
import fc from "fast-check";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import {
  type Block,
  BlockSchema,
  type Comment,
  textProblem,
  VIDEO_PROVIDERS,
} from "../../src/content/index.js";
import { renderArticlePage } from "../../src/site/index.js";
import { article, articlePage, author, ctx, photo, section, tracker } from "../site/fixtures.js";

/** Pieces that become an element, an attribute or a script if the renderer forgot to escape. */
const BREAKOUTS = [
  "<x-evil>",
  "</p><x-evil></x-evil>",
  '" x-evil="1',
  "' x-evil='1",
  '"><x-evil x-evil="',
  "<script>x-evil</script>",
  "</script><x-evil>",
  "</title><x-evil>",
  "</textarea><x-evil>",
  "<img src=x onerror=x-evil>",
  "<svg onload=x-evil>",
  "<!--<x-evil>-->",
  "]]><x-evil>",
  "&lt;x-evil&gt;",
  "&#60;x-evil&#62;",
  "javascript:x-evil",
  "\u2028\u2029",
  "{{x-evil}}",
  "$" + "{x-evil}",
];

/** Hostile text: breakouts mixed with any printable Unicode. */
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...BREAKOUTS), fc.string({ unit: "grapheme", maxLength: 6 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => `a${parts.join("")}`);

/** Link targets the schema accepts, with hostile text after a valid start. */
const href = fc
  .tuple(
    fc.constantFrom("https://example.org/", "/sections/", "#", "mailto:x@example.org?"),
    hostile,
  )
  .map(([start, rest]) => `${start}${rest.replace(/\s/g, "")}`);

const inline = fc.array(
  fc.record(
    {
      text: hostile,
      bold: fc.boolean(),
      italic: fc.boolean(),
      href,
    },
    { requiredKeys: ["text"] },
  ),
  { minLength: 1, maxLength: 3 },
);

/** One arbitrary per block type, shaped by its schema in src/content/blocks.ts. */
const blockArbitraries: Record<Block["type"], fc.Arbitrary<unknown>> = {
  paragraph: fc.record({ type: fc.constant("paragraph"), content: inline }),
  heading: fc.record({
    type: fc.constant("heading"),
    level: fc.constantFrom(2, 3, 4),
    content: inline,
  }),
  quote: fc.record(
    {
      type: fc.constant("quote"),
      content: inline,
      speaker: hostile,
      setting: hostile,
      sourceUrl: href,
    },
    { requiredKeys: ["type", "content", "speaker"] },
  ),
  list: fc.record({
    type: fc.constant("list"),
    ordered: fc.boolean(),
    items: fc.array(inline, { minLength: 1, maxLength: 3 }),
  }),
  image: fc.record(
    { type: fc.constant("image"), mediaId: fc.constant(photo.id), alt: hostile, caption: inline },
    { requiredKeys: ["type", "mediaId", "alt"] },
  ),
  video: fc.record(
    {
      type: fc.constant("video"),
      provider: fc.constantFrom(...VIDEO_PROVIDERS),
      videoId: fc.stringMatching(/^[A-Za-z0-9_-]{1,11}$/),
      url: hostile.map((h) => `https://video.example/${encodeURIComponent(h)}`),
      title: hostile,
      caption: inline,
      source: fc.record({ name: hostile, url: href }, { requiredKeys: ["name"] }),
    },
    { requiredKeys: ["type", "provider", "title", "source"] },
  ),
  commentary: fc.record(
    {
      type: fc.constant("commentary"),
      label: hostile.map((h) => h.slice(0, 80)),
      paragraphs: fc.array(inline, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ["type", "paragraphs"] },
  ),
  tracker: fc.record(
    { type: fc.constant("tracker"), trackerId: fc.constant(tracker.id), intro: inline },
    { requiredKeys: ["type", "trackerId"] },
  ),
  ad: fc.record({
    type: fc.constant("ad"),
    slot: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    width: fc.integer({ min: 50, max: 2000 }),
    height: fc.integer({ min: 50, max: 2000 }),
  }),
  divider: fc.constant({ type: "divider" }),
  html: fc.record({
    type: fc.constant("html"),
    html: fc
      .array(fc.oneof(hostile, fc.constantFrom('<p title="', "<a href=", "<table><tr><td>")), {
        minLength: 1,
        maxLength: 4,
      })
      .map((parts) => parts.join("")),
    reason: hostile,
  }),
  table: fc.record(
    {
      type: fc.constant("table"),
      caption: hostile,
      headerRow: fc.boolean(),
      rows: fc.integer({ min: 1, max: 3 }).chain((width) =>
        fc.array(fc.array(inline, { minLength: width, maxLength: width }), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
    },
    { requiredKeys: ["type", "headerRow", "rows"] },
  ),
  pullquote: fc.record({ type: fc.constant("pullquote"), content: inline }),
  code: fc.record(
    { type: fc.constant("code"), language: fc.constantFrom("js", "c++", "x-evil"), code: hostile },
    { requiredKeys: ["type", "code"] },
  ),
  gallery: fc.record(
    {
      type: fc.constant("gallery"),
      images: fc.array(
        fc.record(
          { mediaId: fc.constant(photo.id), alt: hostile, caption: inline },
          { requiredKeys: ["mediaId", "alt"] },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      caption: inline,
    },
    { requiredKeys: ["type", "images"] },
  ),
  audio: fc.record(
    {
      type: fc.constant("audio"),
      mediaId: fc.constant(photo.id),
      title: hostile,
      caption: inline,
      captionsId: fc.constant(photo.id),
      transcript: hostile,
    },
    { requiredKeys: ["type", "mediaId", "title"] },
  ),
  "video-file": fc.record(
    {
      type: fc.constant("video-file"),
      mediaId: fc.constant(photo.id),
      title: hostile,
      caption: inline,
      transcript: hostile,
    },
    { requiredKeys: ["type", "mediaId", "title"] },
  ),
  document: fc.record(
    {
      type: fc.constant("document"),
      mediaId: fc.constant(photo.id),
      title: hostile,
      caption: inline,
    },
    { requiredKeys: ["type", "mediaId", "title"] },
  ),
};

/** A block the schema accepts, as the schema outputs it (trimmed, defaults filled). */
const block = fc
  .oneof(...Object.values(blockArbitraries))
  .map((candidate) => BlockSchema.safeParse(candidate))
  .filter((result) => result.success)
  .map((result) => result.data as Block);

const document = fc.record({
  headline: hostile,
  dek: hostile,
  metaTitle: hostile,
  metaDescription: hostile,
  featuredImageCaption: hostile,
  body: fc.array(block, { minLength: 1, maxLength: 8 }),
  authorName: hostile,
  sectionName: hostile,
  tagName: hostile,
  commentName: hostile,
  commentBody: hostile,
});

/** Elements and attributes in the parsed page that should not be there, as readable strings. */
function breakouts(nodes: ChildNode[]): string[] {
  const found: string[] = [];
  const visit = (node: ChildNode) => {
    if (isTag(node)) {
      const el = node as Element;
      if (el.name.includes("x-evil")) found.push(`<${el.name}>`);
      for (const [name, value] of Object.entries(el.attribs)) {
        if (name.includes("x-evil") || name.startsWith("on")) found.push(`${el.name}[${name}]`);
        if ((name === "href" || name === "src") && /^\s*javascript:/i.test(value))
          found.push(`${el.name}[${name}=${value}]`);
      }
      if (el.name === "script") {
        const text = el.children.map((c) => (isText(c) ? c.data : "")).join("");
        if (el.attribs.type === "application/ld+json") {
          // Its text must stay one JSON value: a `</script>` inside would have ended it early.
          try {
            JSON.parse(text);
          } catch {
            found.push(`unparsable JSON-LD: ${text.slice(0, 80)}`);
          }
        } else if (text.trim() !== "") found.push(`inline script: ${text.slice(0, 80)}`);
      }
      if (el.name === "iframe" || el.name === "object" || el.name === "embed")
        found.push(`<${el.name}>`);
      for (const child of el.children) visit(child);
    }
  };
  for (const node of nodes) visit(node);
  return found;
}

describe("rendering any valid article", () => {
  it("escapes every generated string: no element, attribute or script comes from text", () => {
    fc.assert(
      fc.property(document, (d) => {
        const comment: Comment = {
          id: "00000000-0000-4000-8000-000000000051",
          articleId: article.id,
          authorName: d.commentName,
          authorEmail: null,
          body: d.commentBody,
          status: "approved",
          createdAt: "2026-01-10T08:00:00.000Z",
        };
        const html = renderArticlePage(
          articlePage({
            article: {
              ...article,
              headline: d.headline,
              dek: d.dek,
              metaTitle: d.metaTitle,
              metaDescription: d.metaDescription,
              featuredImageId: photo.id,
              featuredImageCaption: d.featuredImageCaption,
              body: d.body,
            },
            authors: [{ ...author, name: d.authorName }],
            section: { ...section, name: d.sectionName },
            sectionPath: [{ ...section, name: d.sectionName }],
            tags: [{ id: "00000000-0000-4000-8000-000000000061", slug: "t", name: d.tagName }],
            comments: [comment],
          }),
          ctx,
        );
        expect(breakouts(parseDocument(html).children)).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it("has a checker that sees text written unescaped", () => {
    const raw = (text: string) => parseDocument(`<p title="${text}">${text}</p>`).children;
    expect(breakouts(raw("<x-evil>"))).not.toEqual([]);
    expect(breakouts(raw('" x-evil="1'))).not.toEqual([]);
    expect(breakouts(raw("<img src=x onerror=x-evil>"))).not.toEqual([]);
    const ld = parseDocument(
      '<script type="application/ld+json">{"a":"</script><x-evil>"}</script>',
    );
    expect(breakouts(ld.children)).not.toEqual([]);
  });

  it("generates only documents the schemas accept", () => {
    fc.assert(
      fc.property(block, (b) => {
        expect(BlockSchema.safeParse(b).success).toBe(true);
        expect(textProblem(JSON.stringify(b))).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});
