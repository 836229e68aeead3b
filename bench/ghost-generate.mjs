// Writes a realistic Ghost JSON export (the 5.x shape) of any size, by streaming, for the import
// benchmark: users, tags (a few internal), posts of 3–6 KB alternating mobiledoc and Lexical
// (each with its html, as Ghost stores both), pages, their tags and authors in order, posts_meta,
// settings, and the members and sessions tables a real export carries. The same seed gives the
// same file.
//
//   node bench/ghost-generate.mjs OUT.json --posts 10000 [--seed N]
import { once } from "node:events";
import { createWriteStream } from "node:fs";

const WORDS = (
  "harbour council storm ferry election budget school bridge river festival market fishermen " +
  "tide pier mayor vote report police hospital weather road coast town island museum library " +
  "the a of and to in that was for on with as said by at from their after before over under " +
  "new old first last local regional national week year morning evening night résumé café 港 🌊"
).split(" ");

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const oid = (prefix, n) => `${prefix}${n.toString(16).padStart(24 - prefix.length, "0")}`;

/** Yields the file as text chunks: everything small first, then one chunk per post. */
export function* generateGhost({ posts = 10000, seed = 1 } = {}) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const sentence = () => {
    const s = words(8 + Math.floor(random() * 14));
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(" ");
  const users = Array.from({ length: 20 }, (_, i) => ({
    id: oid("a1", i + 1),
    name: `Reporter ${i + 1}`,
    slug: `reporter-${i + 1}`,
    email: `reporter${i + 1}@example.invalid`,
    password: "$2a$10$benchbenchbenchbenchbenchbenchbenchbench",
    bio: sentence(),
    profile_image: null,
    website: null,
    status: "active",
    visibility: "public",
    created_at: "2020-01-01T00:00:00.000Z",
  }));
  const tags = Array.from({ length: 200 }, (_, i) => ({
    id: oid("b2", i + 1),
    name: i % 50 === 0 ? `#internal-${i}` : `Topic ${i + 1}`,
    slug: i % 50 === 0 ? `hash-internal-${i}` : `topic-${i + 1}`,
    description: null,
    visibility: i % 50 === 0 ? "internal" : "public",
    created_at: "2020-01-01T00:00:00.000Z",
  }));
  const postsTags = [];
  const postsAuthors = [];
  const postsMeta = [];
  for (let i = 1; i <= posts; i++) {
    const id = oid("c3", i);
    const n = 1 + Math.floor(random() * 4);
    const chosen = new Set(Array.from({ length: n }, () => pick(tags).id));
    for (const [k, tagId] of [...chosen].entries())
      postsTags.push({
        id: oid("d4", postsTags.length + 1),
        post_id: id,
        tag_id: tagId,
        sort_order: k,
      });
    const authors = new Set([pick(users).id, ...(random() < 0.2 ? [pick(users).id] : [])]);
    for (const [k, authorId] of [...authors].entries())
      postsAuthors.push({
        id: oid("e5", postsAuthors.length + 1),
        post_id: id,
        author_id: authorId,
        sort_order: k,
      });
    if (i % 3 === 0)
      postsMeta.push({
        id: oid("f6", i),
        post_id: id,
        meta_title: sentence(),
        meta_description: sentence(),
        feature_image_alt: null,
        feature_image_caption: null,
        email_only: false,
      });
  }
  const small = {
    users,
    tags,
    posts_tags: postsTags,
    posts_authors: postsAuthors,
    posts_meta: postsMeta,
    settings: [
      { id: "s1", group: "site", key: "title", value: "Bench Gazette", type: "string" },
      { id: "s2", group: "site", key: "locale", value: "en", type: "string" },
    ],
    roles: [{ id: "r1", name: "Author" }],
    members: Array.from({ length: 1000 }, (_, i) => ({
      id: oid("m7", i + 1),
      email: `m${i}@example.invalid`,
      status: "free",
    })),
    sessions: [{ id: "x1", session_id: "bench", session_data: "{}" }],
  };
  yield `{"db":[{"meta":{"exported_on":${Date.UTC(2024, 0, 1)},"version":"5.80.0"},"data":{`;
  for (const [name, rows] of Object.entries(small))
    yield `${JSON.stringify(name)}:${JSON.stringify(rows)},`;
  yield `"posts":[`;
  for (let i = 1; i <= posts; i++) {
    const paragraphs = Array.from({ length: 4 + Math.floor(random() * 6) }, paragraph);
    const lexicalPost = i % 2 === 0;
    const heading = sentence();
    const html = `${paragraphs.map((p) => `<p>${p}</p>`).join("")}<h2>${heading}</h2>`;
    const mobiledoc = lexicalPost
      ? null
      : JSON.stringify({
          version: "0.3.1",
          atoms: [],
          cards: [["markdown", { markdown: `**${sentence()}**` }]],
          markups: [],
          sections: [
            ...paragraphs.map((p) => [1, "p", [[0, [], 0, p]]]),
            [1, "h2", [[0, [], 0, heading]]],
            [10, 0],
          ],
        });
    const text = (t) => ({
      detail: 0,
      format: 0,
      mode: "normal",
      style: "",
      text: t,
      type: "extended-text",
      version: 1,
    });
    const lexical = lexicalPost
      ? JSON.stringify({
          root: {
            children: [
              ...paragraphs.map((p) => ({
                children: [text(p)],
                direction: "ltr",
                format: "",
                indent: 0,
                type: "paragraph",
                version: 1,
              })),
              {
                children: [text(heading)],
                direction: "ltr",
                format: "",
                indent: 0,
                type: "extended-heading",
                tag: "h2",
                version: 1,
              },
            ],
            direction: "ltr",
            format: "",
            indent: 0,
            type: "root",
            version: 1,
          },
        })
      : null;
    const published = new Date(
      Date.UTC(2015, 0, 1) + Math.floor(random() * 9 * 365 * 86400) * 1000,
    );
    const post = {
      id: oid("c3", i),
      uuid: `bench-${i}`,
      title: sentence().slice(0, 120),
      slug: `post-${i}`,
      mobiledoc,
      lexical,
      html,
      plaintext: paragraphs.join("\n"),
      feature_image: null,
      featured: i % 40 === 0,
      type: i % 500 === 0 ? "page" : "post",
      status: i % 25 === 0 ? "draft" : "published",
      visibility: i % 30 === 0 ? "members" : "public",
      created_at: published.toISOString(),
      updated_at: published.toISOString(),
      published_at: published.toISOString(),
      custom_excerpt: i % 2 ? sentence() : null,
    };
    yield `${i > 1 ? "," : ""}${JSON.stringify(post)}`;
  }
  yield "]}}]}\n";
}

/** Writes the generated export to `file`, honouring back-pressure. */
export async function writeGhost(file, options) {
  const out = createWriteStream(file);
  for (const chunk of generateGhost(options)) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const at = process.argv.indexOf("--posts");
  const seedAt = process.argv.indexOf("--seed");
  if (!file)
    throw new Error("usage: node bench/ghost-generate.mjs OUT.json [--posts N] [--seed N]");
  await writeGhost(file, {
    posts: at > 0 ? Number(process.argv[at + 1]) : 10000,
    seed: seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1,
  });
}
