import type { FastifyInstance } from "fastify";
import {
  newsSitemapPath,
  robotsPath,
  sitemapChunkPath,
  sitemapPath,
} from "../../content/public-paths.js";
import {
  listArticleStamps,
  listAuthorStamps,
  listSections,
  listTagStamps,
  listTrackers,
} from "../../store/reads.js";
import {
  NEWS_MAX_AGE_MS,
  NEWS_MAX_URLS,
  newsSitemapXml,
  robotsTxt,
  SITEMAP_MAX_URLS,
  sitemapChunkXml,
  sitemapLines,
  sitemapRootXml,
} from "../seo/sitemap.js";
import { cachedDocument, loadContext, type SiteDeps } from "./respond.js";

const XML = "application/xml; charset=utf-8";

/** Options of the sitemap routes. */
export interface SitemapOptions {
  /** URLs per sitemap file; SITEMAP_MAX_URLS unless a test wants an index with a few lines. */
  chunkSize?: number;
}

/** /sitemap.xml (or its index and /sitemaps/N.xml), /news-sitemap.xml and /robots.txt. */
export function registerSitemapRoutes(
  app: FastifyInstance,
  deps: SiteDeps,
  { chunkSize = SITEMAP_MAX_URLS }: SitemapOptions = {},
): void {
  const { store, config } = deps;
  const serve = cachedDocument(deps);

  const lines = async () => {
    const now = new Date();
    const [articles, sections, authors, tags, trackers] = await Promise.all([
      listArticleStamps(store, { now, withPages: true }),
      listSections(store),
      listAuthorStamps(store, now),
      listTagStamps(store, now),
      listTrackers(store),
    ]);
    return sitemapLines({ base: config.publicUrl, articles, sections, authors, tags, trackers });
  };

  app.get(sitemapPath(), (request, reply) =>
    serve(request, reply, sitemapPath(), XML, async () =>
      sitemapRootXml(config.publicUrl, await lines(), chunkSize),
    ),
  );

  app.get<{ Params: { file: string } }>("/sitemaps/:file", (request, reply) => {
    const match = /^([1-9][0-9]{0,5})\.xml$/.exec(request.params.file);
    const n = Number(match?.[1] ?? 0);
    return serve(request, reply, sitemapChunkPath(n), XML, async () =>
      n > 0 ? sitemapChunkXml(await lines(), n, chunkSize) : undefined,
    );
  });

  app.get(newsSitemapPath(), (request, reply) =>
    serve(request, reply, newsSitemapPath(), XML, async () => {
      const now = new Date();
      const [ctx, articles] = await Promise.all([
        loadContext(deps),
        listArticleStamps(store, {
          now,
          since: new Date(now.getTime() - NEWS_MAX_AGE_MS),
          limit: NEWS_MAX_URLS,
        }),
      ]);
      return newsSitemapXml({
        base: config.publicUrl,
        publication: ctx.settings.title,
        language: ctx.settings.language,
        articles,
      });
    }),
  );

  app.get(robotsPath(), (_request, reply) =>
    reply
      .header("content-type", "text/plain; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(robotsTxt(config.publicUrl)),
  );
}
