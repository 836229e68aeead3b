import type { FastifyInstance } from "fastify";
import {
  type Article,
  isSlug,
  type Section,
  sectionPath as sectionChain,
} from "../../content/index.js";
import {
  authorPath,
  homePath,
  sectionPath,
  tagPath,
  trackerPath,
} from "../../content/public-paths.js";
import {
  countApprovedComments,
  getMediaByIds,
  getPeopleByIds,
  getPersonBySlug,
  getSectionBySlug,
  getTagBySlug,
  getTrackerBySlug,
  listArticles,
  mostRead,
  type Store,
  takesSubscribers,
} from "../../store/reads.js";
import type { ArticleListItem } from "../components/article-list.js";
import { renderAuthorPage } from "../pages/author.js";
import { renderHomePage } from "../pages/home.js";
import { renderSectionPage } from "../pages/section.js";
import { renderTagPage } from "../pages/tag.js";
import { renderTrackerPage } from "../pages/tracker.js";
import { hasWordPressQuery } from "./redirects.js";
import {
  answerOldAddress,
  cachedPage,
  loadContext,
  parsePageParam,
  type SiteDeps,
  sendNotFound,
} from "./respond.js";

/** Articles per listing page. */
export const PER_PAGE = 10;

/** Joins a page of articles with their authors (one query) and sections (already loaded). */
async function listItems(
  store: Store,
  articles: readonly Article[],
  sections: readonly Section[],
): Promise<ArticleListItem[]> {
  const ids = [...new Set(articles.flatMap((a) => a.authorIds))];
  const [people, commentCounts] = await Promise.all([
    ids.length > 0 ? getPeopleByIds(store, ids) : [],
    countApprovedComments(
      store,
      articles.map((a) => a.id),
    ),
  ]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  return articles.map((article) => ({
    article,
    authors: article.authorIds.flatMap((id) => personById.get(id) ?? []),
    section: article.sectionId === null ? undefined : sectionById.get(article.sectionId),
    commentCount: commentCounts.get(article.id) ?? 0,
  }));
}

/** A page of public articles with the page count; undefined when `page` is past the end. */
async function articlePage(
  store: Store,
  page: number,
  filter: { sectionId?: string; authorId?: string; tagId?: string },
) {
  const { items, total } = await listArticles(store, {
    publicOnly: true,
    ...filter,
    limit: PER_PAGE,
    offset: (page - 1) * PER_PAGE,
  });
  const totalPages = Math.max(1, Math.ceil(total / PER_PAGE));
  return page > totalPages ? undefined : { items, totalPages };
}

/** Home, section, author and tracker pages. */
export function registerListingRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const { store } = deps;
  const serve = cachedPage(deps);

  const home = async (page: number) => {
    const [ctx, list] = await Promise.all([loadContext(deps), articlePage(store, page, {})]);
    if (!list) return undefined;
    const items = await listItems(store, list.items, ctx.sections);
    // The front page's "Most read": the week's top five readers can see (cached like the page).
    const popular =
      page === 1
        ? await mostRead(store, {
            from: new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10),
            limit: 5,
            publicOnly: true,
          })
        : [];
    const subscribe = page === 1 && (await takesSubscribers(store));
    return renderHomePage({
      ctx,
      items,
      page,
      totalPages: list.totalPages,
      mostRead: popular,
      subscribe,
    });
  };

  const section = async (slug: string, page: number) => {
    if (!isSlug(slug)) return undefined;
    const [ctx, found] = await Promise.all([loadContext(deps), getSectionBySlug(store, slug)]);
    if (!found) return undefined;
    const list = await articlePage(store, page, { sectionId: found.id });
    if (!list) return undefined;
    const items = await listItems(store, list.items, ctx.sections);
    return renderSectionPage({
      ctx,
      section: found,
      path: sectionChain(ctx.sections, found.id),
      items,
      page,
      totalPages: list.totalPages,
    });
  };

  const author = async (slug: string, page: number) => {
    if (!isSlug(slug)) return undefined;
    const [ctx, person] = await Promise.all([loadContext(deps), getPersonBySlug(store, slug)]);
    if (!person) return undefined;
    const [list, avatars] = await Promise.all([
      articlePage(store, page, { authorId: person.id }),
      person.avatarId ? getMediaByIds(store, [person.avatarId]) : Promise.resolve([]),
    ]);
    if (!list) return undefined;
    const items = await listItems(store, list.items, ctx.sections);
    return renderAuthorPage({
      ctx,
      person,
      avatar: avatars[0],
      items,
      page,
      totalPages: list.totalPages,
    });
  };

  const tag = async (slug: string, page: number) => {
    if (!isSlug(slug)) return undefined;
    const [ctx, found] = await Promise.all([loadContext(deps), getTagBySlug(store, slug)]);
    if (!found) return undefined;
    const list = await articlePage(store, page, { tagId: found.id });
    if (!list) return undefined;
    const items = await listItems(store, list.items, ctx.sections);
    return renderTagPage({ ctx, tag: found, items, page, totalPages: list.totalPages });
  };

  const tracker = async (slug: string) => {
    if (!isSlug(slug)) return undefined;
    const [ctx, found] = await Promise.all([loadContext(deps), getTrackerBySlug(store, slug)]);
    return found ? renderTrackerPage({ ctx, tracker: found }) : undefined;
  };

  app.get("/", async (request, reply) => {
    // WordPress addressed content as `/?p=123`: those links answer 301 (or 410) when known.
    if (hasWordPressQuery(request.url)) {
      const answered = await answerOldAddress(deps, request, reply);
      if (answered) return answered;
    }
    return serve(request, reply, homePath(), () => home(1));
  });

  app.get<{ Params: { n: string } }>("/page/:n", (request, reply) => {
    const page = parsePageParam(request.params.n);
    if (page === "redirect") return reply.redirect(homePath(), 301);
    if (page === undefined) return sendNotFound(deps, reply);
    return serve(request, reply, homePath(page), () => home(page));
  });

  app.get<{ Params: { slug: string } }>("/sections/:slug", (request, reply) => {
    const { slug } = request.params;
    return serve(request, reply, sectionPath(slug), () => section(slug, 1));
  });

  app.get<{ Params: { slug: string; n: string } }>("/sections/:slug/page/:n", (request, reply) => {
    const { slug, n } = request.params;
    const page = parsePageParam(n);
    // Only a real slug is redirected: `/sections/%0a/page/1` has no page to move to.
    if (page === undefined || !isSlug(slug)) return sendNotFound(deps, reply);
    if (page === "redirect") return reply.redirect(sectionPath(slug), 301);
    return serve(request, reply, sectionPath(slug, page), () => section(slug, page));
  });

  app.get<{ Params: { slug: string } }>("/authors/:slug", (request, reply) => {
    const { slug } = request.params;
    return serve(request, reply, authorPath(slug), () => author(slug, 1));
  });

  app.get<{ Params: { slug: string; n: string } }>("/authors/:slug/page/:n", (request, reply) => {
    const { slug, n } = request.params;
    const page = parsePageParam(n);
    // Only a real slug is redirected: `/sections/%0a/page/1` has no page to move to.
    if (page === undefined || !isSlug(slug)) return sendNotFound(deps, reply);
    if (page === "redirect") return reply.redirect(authorPath(slug), 301);
    return serve(request, reply, authorPath(slug, page), () => author(slug, page));
  });

  app.get<{ Params: { slug: string } }>("/tags/:slug", (request, reply) => {
    const { slug } = request.params;
    return serve(request, reply, tagPath(slug), () => tag(slug, 1));
  });

  app.get<{ Params: { slug: string; n: string } }>("/tags/:slug/page/:n", (request, reply) => {
    const { slug, n } = request.params;
    const page = parsePageParam(n);
    // Only a real slug is redirected: `/sections/%0a/page/1` has no page to move to.
    if (page === undefined || !isSlug(slug)) return sendNotFound(deps, reply);
    if (page === "redirect") return reply.redirect(tagPath(slug), 301);
    return serve(request, reply, tagPath(slug, page), () => tag(slug, page));
  });

  app.get<{ Params: { slug: string } }>("/trackers/:slug", (request, reply) => {
    const { slug } = request.params;
    return serve(request, reply, trackerPath(slug), () => tracker(slug));
  });
}
