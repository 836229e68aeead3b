// Hand-built content for rendering tests: no database needed to render a page.
import { type Config, parseMailConfig } from "../../src/config.js";
import type {
  Article,
  Block,
  Comment,
  MediaItem,
  Person,
  Section,
  SiteSettings,
  TrackerSummary,
} from "../../src/content/index.js";
import { DEFAULT_SETTINGS } from "../../src/content/index.js";
import type { SiteContext } from "../../src/site/index.js";
import type { ArticlePage } from "../../src/store/index.js";

export const config: Config = {
  port: 3000,
  host: "127.0.0.1",
  dataDir: "/tmp/masthead-test",
  database: { kind: "sqlite", file: ":memory:" },
  publicUrl: "https://news.example.org",
  trustProxy: ["loopback"],
  trustProxySet: false,
  viewsPerAddress: 10,
  viewBeaconsPerMinute: 120,
  imageWorkers: 1,
  imageQueue: 4,
  pageCacheMb: 64,
  mail: parseMailConfig({}),
};

export const settings: SiteSettings = {
  ...DEFAULT_SETTINGS,
  title: "Zany Progressive",
  tagline: "Honest, fact-based news",
};

export const section: Section = {
  id: "00000000-0000-4000-8000-000000000001",
  slug: "resist-hate",
  name: "Resist Hate",
  description: "Honest news.",
  parentId: null,
};

export const ctx: SiteContext = { settings, config, sections: [section] };

export const avatar: MediaItem = {
  id: "00000000-0000-4000-8000-000000000010",
  storageKey: "serena.svg",
  mimeType: "image/svg+xml",
  width: 256,
  height: 256,
  alt: "",
  description: "",
  credit: { creator: "", sourceName: "", license: "cc0-1.0" },
};

export const photo: MediaItem = {
  id: "00000000-0000-4000-8000-000000000011",
  storageKey: "palace.jpg",
  mimeType: "image/jpeg",
  width: 1200,
  height: 800,
  alt: "The palace",
  description: "",
  credit: {
    creator: "Eric Menjívar",
    sourceName: "Flickr",
    sourceUrl: "https://www.flickr.com/photos/example/1",
    license: "cc-by-sa-2.0",
  },
};

export const author: Person = {
  id: "00000000-0000-4000-8000-000000000020",
  slug: "serena-zehlius",
  name: "Serena Zehlius",
  roleTitle: "Editor",
  team: "Zany Progressive",
  shortBio: "Serena Zehlius is a passionate writer...",
  bio: "Serena Zehlius is a passionate writer.\n\nHer love for animals is matched only by her commitment.",
  avatarId: avatar.id,
  avatarAlt: "Serena Zehlius member of the Zany Progressive team",
};

export const tracker: TrackerSummary = {
  id: "00000000-0000-4000-8000-000000000030",
  slug: "pardons",
  title: "List of Criminals Pardoned by Trump so Far This Term",
  entryCount: 12,
};

/** One block of every type, in the reference article's order. */
export const body: Block[] = [
  { type: "paragraph", content: [{ text: "In a startling escalation." }] },
  { type: "heading", level: 2, content: [{ text: "Why this matters…" }] },
  {
    type: "quote",
    content: [{ text: "The cartels are running Mexico." }],
    speaker: "Donald Trump",
    setting: "Fox News, Hannity",
  },
  {
    type: "video",
    provider: "youtube",
    title: "Full remarks",
    caption: [{ text: "Sheinbaum’s full remarks" }],
    source: { name: "DRM News YouTube channel" },
  },
  {
    type: "commentary",
    paragraphs: [[{ text: "I have to insert my own commentary here." }]],
  },
  { type: "tracker", trackerId: tracker.id, intro: [{ text: "We have a growing list." }] },
  { type: "ad", slot: "in-article", width: 300, height: 250 },
  { type: "list", ordered: false, items: [[{ text: "one" }], [{ text: "two" }]] },
  { type: "image", mediaId: photo.id, alt: "National palace", caption: [{ text: "Balcony" }] },
  { type: "divider" },
  { type: "paragraph", content: [{ text: "The end." }] },
];

export const article: Article = {
  id: "00000000-0000-4000-8000-000000000040",
  kind: "article",
  pageType: "WebPage",
  slug: "trump-signals",
  headline: "Trump Signals Possible U.S. Military Action",
  dek: "President Trump signalled imminent land strikes.",
  type: "news",
  sectionId: section.id,
  tagIds: [],
  authorIds: [author.id],
  status: "published",
  publishedAt: "2026-01-09T12:00:00.000Z",
  featuredImageId: null,
  featuredImageCaption: "",
  metaTitle: "",
  metaDescription: "",
  canonicalUrl: null,
  body,
  commentsEnabled: true,
  createdAt: "2026-01-09T12:00:00.000Z",
  updatedAt: "2026-01-09T12:00:00.000Z",
};

export const comment: Comment = {
  id: "00000000-0000-4000-8000-000000000050",
  articleId: article.id,
  authorName: "Ana <b>",
  authorEmail: "ana@example.org",
  body: "First <script>alert(1)</script>\n\nSecond paragraph",
  status: "approved",
  createdAt: "2026-01-10T08:00:00.000Z",
};

/** A complete article page; override any part. */
export function articlePage(overrides: Partial<ArticlePage> = {}): ArticlePage {
  return {
    article,
    authors: [author],
    section,
    sectionPath: [section],
    tags: [{ id: "00000000-0000-4000-8000-000000000060", slug: "mexico", name: "Mexico" }],
    media: { [avatar.id]: avatar, [photo.id]: photo },
    trackers: { [tracker.id]: tracker },
    views: 2,
    comments: [comment],
    corrections: [],
    ...overrides,
  };
}
