// Small builders of valid content for store and HTTP tests. Every builder gives unique slugs, so
// tests can call them repeatedly on one store.
import type {
  ArticleInput,
  MediaInput,
  MediaItem,
  Person,
  PersonInput,
  Section,
  SectionInput,
  TagInput,
  TrackerInput,
} from "../../src/content/index.js";
import { createMedia, createPerson, createSection, type Store } from "../../src/store/index.js";

let counter = 0;
/** A slug no other fixture in this process has used, e.g. `article-7`. */
export function uniqueSlug(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A valid section input. */
export function sectionInput(overrides: Partial<SectionInput> = {}): SectionInput {
  return { slug: uniqueSlug("section"), name: "News", ...overrides };
}

/** A valid person input. */
export function personInput(overrides: Partial<PersonInput> = {}): PersonInput {
  return { slug: uniqueSlug("person"), name: "Ada Reporter", roleTitle: "Reporter", ...overrides };
}

/** A valid media input (a PNG under CC BY 4.0 with a full credit). */
export function mediaInput(overrides: Partial<MediaInput> = {}): MediaInput {
  return {
    storageKey: `${uniqueSlug("image")}.png`,
    mimeType: "image/png",
    width: 1200,
    height: 800,
    alt: "A street at dusk",
    credit: { creator: "Jo Photographer", sourceName: "Flickr", license: "cc-by-4.0" },
    ...overrides,
  };
}

/** A valid tag input. */
export function tagInput(overrides: Partial<TagInput> = {}): TagInput {
  const slug = uniqueSlug("tag");
  return { slug, name: `Topic ${slug}`, ...overrides };
}

/** A valid tracker input with `entries` entries. */
export function trackerInput(entries = 2, overrides: Partial<TrackerInput> = {}): TrackerInput {
  return {
    slug: uniqueSlug("tracker"),
    title: "Every pardon this term",
    description: [{ text: "A growing list." }],
    entries: Array.from({ length: entries }, (_, i) => ({
      title: `Entry ${i + 1}`,
      summary: "What happened.",
      occurredOn: "2025-01-20",
      sourceName: "Court records",
      sourceUrl: "https://example.org/records",
    })),
    ...overrides,
  };
}

/** What `seedBasics` created, and a builder of valid articles that use it. */
export interface Basics {
  section: Section;
  person: Person;
  media: MediaItem;
  /** A valid draft article input in `section` by `person` with `media` as its image. */
  articleInput(overrides?: Partial<ArticleInput>): ArticleInput;
}

/**
 * Creates a section, a media item and a person (with that item as avatar) so articles can be
 * created; `articleInput()` gives a valid draft using them, with a fresh slug each call.
 * @example const basics = await seedBasics(store);
 * const article = await createArticle(store, basics.articleInput({ status: "published", publishedAt: "2025-01-01T00:00:00Z" }));
 */
export async function seedBasics(store: Store): Promise<Basics> {
  const section = await createSection(store, sectionInput());
  const media = await createMedia(store, mediaInput());
  const person = await createPerson(store, personInput({ avatarId: media.id }));
  return {
    section,
    person,
    media,
    articleInput: (overrides = {}) => ({
      slug: uniqueSlug("article"),
      headline: "Council approves the new budget",
      dek: "The vote was close.",
      type: "news",
      sectionId: section.id,
      authorIds: [person.id],
      featuredImageId: media.id,
      body: [
        { type: "paragraph", content: [{ text: "The council voted 5 to 4." }] },
        { type: "image", mediaId: media.id, alt: "The council chamber" },
      ],
      ...overrides,
    }),
  };
}

/** A published article input's status fields, published at `at` (default: an hour ago). */
export function published(at: Date = new Date(Date.now() - 3_600_000)): Partial<ArticleInput> {
  return { status: "published", publishedAt: at.toISOString() };
}
