import { describe, expect, it } from "vitest";
import { blocksToDoc } from "../../src/admin/editor/convert.js";
import {
  type ArticleMeta,
  newMeta,
  prepareEdit,
  splitIssues,
} from "../../src/admin/editor/meta.js";
import { sectionTree } from "../../src/admin/lib/reference.js";

const SECTION = "0b7c9a30-6f0e-4c1e-9d7a-2a4f1e3b5c6d";
const PERSON = "5f1d2e3c-4b5a-4697-8a8b-9c0d1e2f3a4b";
const MEDIA = "7d1b2c9e-4f6a-4e2b-9a51-0c3d5e7f9a10";

const meta = (patch: Partial<ArticleMeta> = {}): ArticleMeta => ({
  ...newMeta({ sectionId: SECTION, authorId: PERSON }),
  headline: "A headline",
  slug: "a-headline",
  ...patch,
});

describe("preparing an article for saving", () => {
  it("gives the edit the API takes when every field is valid", () => {
    const prepared = prepareEdit(
      meta(),
      blocksToDoc([{ type: "paragraph", content: [{ text: "Text." }] }]),
    );
    expect(prepared.ok).toBe(true);
    if (prepared.ok)
      expect(prepared.edit).toMatchObject({
        headline: "A headline",
        slug: "a-headline",
        sectionId: SECTION,
        authorIds: [PERSON],
        body: [{ type: "paragraph", content: [{ text: "Text." }] }],
      });
  });

  it("sends an empty canonical URL as none, and names a bad one at its field", () => {
    const doc = blocksToDoc([{ type: "paragraph", content: [{ text: "Text." }] }]);
    const empty = prepareEdit(meta({ canonicalUrl: "  ", metaTitle: "For search" }), doc);
    expect(empty.ok && empty.edit).toMatchObject({ canonicalUrl: null, metaTitle: "For search" });
    const bad = prepareEdit(meta({ canonicalUrl: "elsewhere.example/story" }), doc);
    expect(bad.ok ? [] : bad.fieldIssues.map((i) => i.path)).toEqual(["canonicalUrl"]);
  });

  it("names the fields and the blocks that keep it from saving", () => {
    const doc = blocksToDoc([
      { type: "paragraph", content: [{ text: "Fine." }] },
      { type: "image", mediaId: MEDIA, alt: "x" },
    ]);
    // An empty paragraph first: the image is block 1 but the editor's node 2.
    doc.content = [{ type: "paragraph" }, ...(doc.content ?? [])];
    // Too long is an error; an empty field only makes the block unfinished (see below).
    doc.content[2] = { type: "image", attrs: { mediaId: MEDIA, alt: "x".repeat(501) } };
    const prepared = prepareEdit(meta({ headline: "", authorIds: [] }), doc);
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.fieldIssues.map((i) => i.path).sort()).toEqual(["authorIds", "headline"]);
    expect([...prepared.blockIssues.keys()]).toEqual([2]);
    expect(prepared.blockIssues.get(2)?.[0]?.path).toBe("alt");
  });

  it("lets a draft be saved without section, authors or a block's required text", () => {
    const doc = blocksToDoc([{ type: "paragraph", content: [{ text: "Words first." }] }]);
    doc.content = [...(doc.content ?? []), { type: "image", attrs: { mediaId: MEDIA, alt: "" } }];
    const draft = meta({ sectionId: "", authorIds: [] });
    expect(prepareEdit(draft, doc, "draft").ok).toBe(true);
    // Without a status (or going out), the article's rules still apply.
    const strict = prepareEdit(draft, doc);
    expect(strict.ok ? [] : strict.fieldIssues.map((i) => i.path).sort()).toEqual([
      "authorIds",
      "sectionId",
    ]);
  });
});

describe("placing the API's field issues", () => {
  it("puts body paths on the editor node showing the block, the rest on fields", () => {
    const { fieldIssues, blockIssues } = splitIssues(
      [
        { path: "slug", message: "taken" },
        { path: "body.1.source.name", message: "source name is required" },
        { path: "body.7.alt", message: "no such block" },
      ],
      [0, 3],
    );
    expect(fieldIssues).toEqual([
      { path: "slug", message: "taken" },
      { path: "body.7.alt", message: "no such block" },
    ]);
    expect(blockIssues.get(3)).toEqual([
      { path: "source.name", message: "source name is required" },
    ]);
  });
});

describe("the section tree", () => {
  const s = (id: string, name: string, parentId: string | null = null) => ({
    id,
    name,
    slug: id,
    description: "",
    parentId,
  });

  it("lists parents before their children, by name, with their depth", () => {
    const tree = sectionTree([
      s("b", "World"),
      s("c", "Elections", "a"),
      s("a", "Politics"),
      s("d", "Europe", "b"),
    ]);
    expect(tree.map(({ section, depth }) => `${depth}:${section.name}`)).toEqual([
      "0:Politics",
      "1:Elections",
      "0:World",
      "1:Europe",
    ]);
  });

  it("still lists sections whose parent is missing or that form a cycle", () => {
    const tree = sectionTree([s("x", "Orphan", "gone"), s("p", "P", "q"), s("q", "Q", "p")]);
    expect(tree.map((t) => t.section.name).sort()).toEqual(["Orphan", "P", "Q"]);
  });
});
