import type { ComponentChildren } from "preact";
import {
  FEED_FILES,
  type FeedFormat,
  type FeedScope,
  feedPath,
  homePath,
  searchPath,
  sectionPath,
} from "../content/public-paths.js";
import { type AssetName, assetUrl } from "./assets.js";
import type { SiteContext } from "./context.js";
import { type JsonLd, serializeJsonLd } from "./seo/json-ld.js";
import type { MetaTag } from "./seo/meta.js";

/** Props of the page shell. */
export interface LayoutProps {
  ctx: SiteContext;
  /** The page's own title; the site title is appended. */
  title?: string;
  description?: string;
  /** Canonical path of the page; error pages have none. */
  path?: string;
  /** An absolute canonical URL elsewhere (an article that first ran there): replaces `path`'s. */
  canonicalUrl?: string;
  scripts?: readonly AssetName[];
  /** On the home page the publication's name is the page's one h1. */
  siteTitleAsH1?: boolean;
  noindex?: boolean;
  prevPath?: string;
  nextPath?: string;
  /** Open Graph and Twitter card tags (see seo/meta.ts). */
  social?: readonly MetaTag[];
  /** Structured data, one <script type="application/ld+json"> each (see seo/json-ld.ts). */
  jsonLd?: readonly JsonLd[];
  /** The listing whose own feeds the head announces besides the site's, with its name. */
  feed?: { scope: FeedScope; name: string };
  children: ComponentChildren;
}

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};
const FEED_LABELS: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };

/** <link rel="alternate"> for the site's feeds and, on a listing, that listing's feeds. */
function FeedLinks({ site, feed }: { site: string; feed: LayoutProps["feed"] }) {
  const formats = Object.keys(FEED_FILES) as FeedFormat[];
  const scopes = [
    ...(feed ? [{ scope: feed.scope, title: `${site}: ${feed.name}` }] : []),
    { scope: undefined, title: site },
  ];
  return (
    <>
      {scopes.flatMap(({ scope, title }) =>
        formats.map((f) => (
          <link
            key={`${scope?.slug ?? ""}${f}`}
            rel="alternate"
            type={FEED_TYPES[f]}
            title={`${title} (${FEED_LABELS[f]})`}
            href={feedPath(f, scope)}
          />
        )),
      )}
    </>
  );
}

/** The document shell: head, skip link, masthead with section nav, main, footer. */
export function Layout(props: LayoutProps) {
  const { ctx, title, path } = props;
  const site = ctx.settings.title;
  const base = ctx.config.publicUrl;
  const navSections = ctx.sections.filter((s) => s.parentId === null);
  const SiteName = props.siteTitleAsH1 ? "h1" : "p";
  return (
    <html lang={ctx.settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title ? `${title} — ${site}` : site}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {path !== undefined ? (
          <link rel="canonical" href={props.canonicalUrl ?? base + path} />
        ) : null}
        {props.prevPath ? <link rel="prev" href={props.prevPath} /> : null}
        {props.nextPath ? <link rel="next" href={props.nextPath} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {props.social?.map((m) =>
          m.attr === "property" ? (
            <meta property={m.key} content={m.content} key={`${m.key}${m.content}`} />
          ) : (
            <meta name={m.key} content={m.content} key={`${m.key}${m.content}`} />
          ),
        )}
        {props.noindex ? null : <FeedLinks site={site} feed={props.feed} />}
        {props.jsonLd?.map((data, i) => (
          <script
            type="application/ld+json"
            key={i}
            // Serialised with "<" escaped, so no value can close the element.
            dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
          />
        ))}
        <link rel="stylesheet" href={assetUrl("site.css")} />
        {/* Parts that only work with the scripts (the video play button) hide without them; a
            file, not an inline style, so the Content-Security-Policy needs no 'unsafe-inline'. */}
        <noscript>
          <link rel="stylesheet" href={assetUrl("noscript.css")} />
        </noscript>
        {props.scripts?.map((s) => (
          <script defer src={assetUrl(s)} key={s} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="masthead wrap">
            <SiteName class="site-title">
              <a href={homePath()}>{site}</a>
            </SiteName>
            {ctx.settings.tagline ? <p class="site-tagline">{ctx.settings.tagline}</p> : null}
            <search class="site-search">
              <form method="get" action={searchPath()}>
                <label class="visually-hidden" for="site-search-q">
                  Search articles
                </label>
                <input id="site-search-q" type="search" name="q" placeholder="Search articles" />
                <button type="submit">Search</button>
              </form>
            </search>
          </div>
          <nav class="site-nav" aria-label="Sections">
            <ul class="wrap">
              <li>
                <a href={homePath()} aria-current={path === "/" ? "page" : undefined}>
                  Latest
                </a>
              </li>
              {navSections.map((s) => {
                const href = sectionPath(s.slug);
                return (
                  <li key={s.id}>
                    <a href={href} aria-current={path === href ? "page" : undefined}>
                      {s.name}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap site-main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              <a href={homePath()}>{site}</a>
              {ctx.settings.tagline ? ` — ${ctx.settings.tagline}` : null}
            </p>
            <p class="muted">
              Independent journalism. Reporting, opinion and advertising are always labelled.
              Published with Masthead.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
