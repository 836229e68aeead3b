// What the email renderer (src/mail/render) needs, read from the store: the publication, one
// article with everything its page shows of it, or the entries of a digest. Reads only, so the
// renderer itself stays pure and an edition can be rendered again from the same input.
import { conflict, isPublic, NotFoundError, type Section } from "../content/index.js";
import type { DigestItem, EmailArticle, EmailPublication } from "../mail/render/index.js";
import {
  getArticlesByIds,
  getMediaByIds,
  getPeopleByIds,
  getSettings,
  listSections,
  loadArticlePreview,
  type Store,
} from "../store/index.js";

/**
 * The publication as emails name it: the site's title and language from the settings, and the
 * public URL every link starts with (config.publicUrl).
 */
export async function loadEmailPublication(
  store: Store,
  publicUrl: string,
): Promise<EmailPublication> {
  const settings = await getSettings(store);
  return { name: settings.title, publicUrl, language: settings.language };
}

/**
 * The published article with this id and what its page shows of it (byline, section, media,
 * trackers, update and correction notes). NotFoundError when there is no such article (a page
 * is not one), MH_CONFLICT when readers cannot see it at `now`: only what is public is sent.
 */
export async function loadEmailArticle(
  store: Store,
  id: string,
  now = new Date(),
): Promise<EmailArticle> {
  const page = await loadArticlePreview(store, id);
  if (page?.kind !== "article") throw new NotFoundError("article", id);
  if (!isPublic(page.article, now))
    throw conflict(
      `only a published article can be sent as a newsletter; this one is ${page.article.status}`,
    );
  const { article, authors, section, media, trackers, corrections } = page;
  return { article, authors, section, media, trackers, corrections };
}

/**
 * The digest entries of these articles, in the order given. An id that is unknown, a page, or no
 * longer public at `now` is left out rather than failing the digest: an article unpublished
 * between composing and sending must not reach readers, and the rest of the edition still can.
 */
export async function loadDigestItems(
  store: Store,
  ids: readonly string[],
  now = new Date(),
): Promise<DigestItem[]> {
  const articles = (await getArticlesByIds(store, ids)).filter(
    (a) => a.kind === "article" && isPublic(a, now),
  );
  const [people, sections, images] = await Promise.all([
    getPeopleByIds(
      store,
      articles.flatMap((a) => a.authorIds),
    ),
    listSections(store),
    getMediaByIds(
      store,
      articles.flatMap((a) => a.featuredImageId ?? []),
    ),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const sectionById = new Map<string, Section>(sections.map((s) => [s.id, s]));
  const imageById = new Map(images.map((m) => [m.id, m]));
  return articles.flatMap((article) => {
    const section = article.sectionId ? sectionById.get(article.sectionId) : undefined;
    if (!section) return [];
    const image = article.featuredImageId ? imageById.get(article.featuredImageId) : undefined;
    return [
      {
        article,
        authors: article.authorIds.flatMap((id) => personById.get(id) ?? []),
        section,
        ...(image ? { image } : {}),
      },
    ];
  });
}
