import type { FastifyInstance } from "fastify";
import { isSlug } from "../../content/index.js";
import {
  authorPath,
  FEED_FILES,
  type FeedFormat,
  type FeedScope,
  feedPath,
  homePath,
  sectionPath,
  tagPath,
} from "../../content/public-paths.js";
import { getPersonBySlug, getSectionBySlug, getTagBySlug } from "../../store/reads.js";
import type { SiteContext } from "../context.js";
import { buildFeed, FEED_CONTENT_TYPES } from "../feeds/build.js";
import { loadFeedData } from "../feeds/load.js";
import { logoImage } from "../seo/urls.js";
import { cachedDocument, loadContext, type SiteDeps } from "./respond.js";

/** What a listing's feed is about. */
interface Listing {
  title: string;
  description: string;
  pagePath: string;
  filter: { sectionId?: string; authorId?: string; tagId?: string };
}

async function listingOf(
  deps: SiteDeps,
  ctx: SiteContext,
  scope: FeedScope | undefined,
): Promise<Listing | undefined> {
  const site = ctx.settings.title;
  if (scope === undefined)
    return {
      title: site,
      description: ctx.settings.tagline || `The latest articles from ${site}.`,
      pagePath: homePath(),
      filter: {},
    };
  if (!isSlug(scope.slug)) return undefined;
  if (scope.kind === "sections") {
    const s = await getSectionBySlug(deps.store, scope.slug);
    return (
      s && {
        title: `${s.name} — ${site}`,
        description: s.description || `The latest ${s.name} articles from ${site}.`,
        pagePath: sectionPath(s.slug),
        filter: { sectionId: s.id },
      }
    );
  }
  if (scope.kind === "authors") {
    const p = await getPersonBySlug(deps.store, scope.slug);
    return (
      p && {
        title: `${p.name} — ${site}`,
        description: p.shortBio || `The latest articles by ${p.name} in ${site}.`,
        pagePath: authorPath(p.slug),
        filter: { authorId: p.id },
      }
    );
  }
  const t = await getTagBySlug(deps.store, scope.slug);
  return (
    t && {
      title: `${t.name} — ${site}`,
      description: `The latest articles tagged ${t.name} in ${site}.`,
      pagePath: tagPath(t.slug),
      filter: { tagId: t.id },
    }
  );
}

/** RSS, Atom and JSON feeds of the whole site and of every section, author and tag. */
export function registerFeedRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const serve = cachedDocument(deps);

  const render = async (format: FeedFormat, scope: FeedScope | undefined) => {
    const ctx = await loadContext(deps);
    const listing = await listingOf(deps, ctx, scope);
    if (!listing) return undefined;
    const data = await loadFeedData(deps.store, ctx.sections, listing.filter);
    return buildFeed({
      format,
      base: ctx.config.publicUrl,
      settings: ctx.settings,
      title: listing.title,
      description: listing.description,
      pagePath: listing.pagePath,
      selfPath: feedPath(format, scope),
      logo: logoImage(ctx.config.publicUrl, ctx.logo),
      ...data,
    });
  };

  for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
    const file = FEED_FILES[format];
    const type = FEED_CONTENT_TYPES[format];
    app.get(`/${file}`, (request, reply) =>
      serve(request, reply, feedPath(format), type, () => render(format, undefined)),
    );
    for (const kind of ["sections", "authors", "tags"] as const)
      app.get<{ Params: { slug: string } }>(`/${kind}/:slug/${file}`, (request, reply) => {
        const scope = { kind, slug: request.params.slug };
        return serve(request, reply, feedPath(format, scope), type, () => render(format, scope));
      });
  }
}
