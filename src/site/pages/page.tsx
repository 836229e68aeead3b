import type { ArticleStatus } from "../../content/index.js";
import { pagePath } from "../../content/public-paths.js";
import type { PublicPage } from "../../store/reads.js";
import type { AssetName } from "../assets.js";
import { Body, hasPlayableVideo } from "../blocks/index.js";
import type { SiteContext } from "../context.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { metaDescription, metaTitle, pageSeo } from "../seo/pages.js";

/** What rendering a page (About, Contact…) needs besides its data. */
export interface PageRenderContext extends SiteContext {
  /** Set for a preview link: a banner, no canonical link, no card or structured data, noindex. */
  preview?: boolean;
}

/** Says, above a preview, that readers do not see this page (or not as it is now). */
function PagePreviewBanner({ status }: { status: ArticleStatus }) {
  return (
    <p class="preview-banner" role="note">
      {status === "published" ? (
        <>
          <strong>Preview.</strong> This link shows the page as last saved; readers see the
          published page.
        </>
      ) : (
        <>
          <strong>Preview — not published.</strong> Readers cannot see this page yet.
        </>
      )}
    </p>
  );
}

/**
 * A page: headline, dek and body, nothing else. A page is the publication speaking about
 * itself, so it has no byline, date, type label, views or comments.
 */
export function PageView({ page, ctx }: { page: PublicPage; ctx: PageRenderContext }) {
  const { article } = page;
  const seo = ctx.preview ? undefined : pageSeo(page, ctx);
  const scripts: AssetName[] = hasPlayableVideo(article.body) ? ["video.js"] : [];
  return (
    <Layout
      ctx={ctx}
      title={ctx.preview ? `Preview: ${article.headline}` : metaTitle(article)}
      description={metaDescription(article)}
      path={ctx.preview ? undefined : pagePath(article.slug)}
      canonicalUrl={article.canonicalUrl ?? undefined}
      noindex={ctx.preview}
      scripts={scripts}
      social={seo?.social}
      jsonLd={seo?.jsonLd}
    >
      {ctx.preview ? <PagePreviewBanner status={article.status} /> : null}
      <article class="article page" data-page-type={article.pageType} aria-labelledby="headline">
        <header class="article-header">
          <h1 id="headline">{article.headline}</h1>
          {article.dek ? <p class="dek">{article.dek}</p> : null}
        </header>
        <div class="article-body">
          <Body blocks={article.body} refs={{ ...page, origin: ctx.config.publicUrl }} />
        </div>
      </article>
    </Layout>
  );
}

/** Renders a complete page (kind 'page') to HTML. Pure, like renderArticlePage. */
export function renderPageView(page: PublicPage, ctx: PageRenderContext): string {
  return renderDocument(<PageView page={page} ctx={ctx} />);
}
