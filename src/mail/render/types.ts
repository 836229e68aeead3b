// What the email renderer takes: content already loaded (src/services/email-content.ts loads it
// from the store), so rendering does no I/O and an edition renders the same bytes every time.
import type {
  Article,
  Correction,
  MediaItem,
  Person,
  Section,
  TrackerSummary,
} from "../../content/index.js";

/** The publication an email comes from. */
export interface EmailPublication {
  /** The site's title, e.g. "Zany Progressive". */
  name: string;
  /** The public base URL without a trailing slash (config.publicUrl): every link is absolute. */
  publicUrl: string;
  /** The site's language tag (settings.language), for `<html lang>` and dates. */
  language: string;
  /** A `#rrggbb` accent for links and rules; anything else falls back to the default. */
  accentColor?: string;
}

/** The list a reader subscribed to, named in the footer ("You subscribed to …"). */
export interface EmailNewsletter {
  name: string;
}

/**
 * One article with everything its page shows of it, as `ArticlePage` holds it (so a loaded page
 * can be passed as it is): byline, section, the media and trackers its body points at, and its
 * update and correction notes.
 */
export interface EmailArticle {
  article: Article;
  /** In byline order. */
  authors: readonly Person[];
  section: Section;
  /** Body media (images, galleries, files, documents) and the featured image, by id. */
  media: Readonly<Record<string, MediaItem>>;
  /** Trackers the body points at, by id. */
  trackers: Readonly<Record<string, TrackerSummary>>;
  /** Oldest first. */
  corrections: readonly Correction[];
}

/** "Send as newsletter" of one published article. */
export interface ArticleEmailInput {
  publication: EmailPublication;
  newsletter: EmailNewsletter;
  content: EmailArticle;
  /** Defaults to the headline. */
  subject?: string;
  /** The hidden line inbox lists show after the subject; defaults to the dek. */
  preheader?: string;
  /** An editor's note above the article (plain text, blank lines between paragraphs). */
  intro?: string;
}

/** An article as a digest lists it: no body, only what its entry shows. */
export interface DigestItem {
  article: Pick<
    Article,
    | "id"
    | "slug"
    | "headline"
    | "dek"
    | "type"
    | "publishedAt"
    | "metaDescription"
    | "featuredImageId"
  >;
  authors: readonly Person[];
  section: Section;
  /** The featured image, when the article has one. */
  image?: MediaItem;
  /** An editor's own summary; defaults to the dek, then the meta description. */
  summary?: string;
}

/** A digest: a heading, an intro, then a list of articles. */
export interface DigestEmailInput {
  publication: EmailPublication;
  newsletter: EmailNewsletter;
  /** E.g. "The week in review"; also the default subject. */
  heading: string;
  /** Plain text, blank lines between paragraphs. */
  intro?: string;
  items: readonly DigestItem[];
  subject?: string;
  /** Defaults to the intro's first paragraph. */
  preheader?: string;
}

/** A rendered message: its subject and both parts, still holding the per-recipient placeholders. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
