import { ArticleList, type ArticleListItem } from "../components/article-list.js";
import { neighbours, Pagination } from "../components/pagination.js";
import type { SiteContext } from "../context.js";
import { Layout } from "../layout.js";
import { homePath } from "../paths.js";
import { renderDocument } from "../render.js";
import { homeSeo } from "../seo/pages.js";

/** Props of the home page. */
export interface HomeProps {
  ctx: SiteContext;
  items: readonly ArticleListItem[];
  page: number;
  totalPages: number;
}

/** The front page: the masthead names the publication (the page's h1), then the latest articles. */
export function HomePage({ ctx, items, page, totalPages }: HomeProps) {
  const pager = { page, totalPages, pathOf: homePath };
  const seo = homeSeo(ctx, page);
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `Latest articles, page ${page}` : undefined}
      description={ctx.settings.tagline || undefined}
      path={homePath(page)}
      siteTitleAsH1
      {...neighbours(pager)}
      social={seo.social}
      jsonLd={seo.jsonLd}
    >
      <section class="listing" aria-labelledby="latest-heading">
        <h2 id="latest-heading" class="listing-title">
          Latest{page > 1 ? ` — page ${page}` : ""}
        </h2>
        <ArticleList items={items} language={ctx.settings.language} />
        <Pagination {...pager} />
      </section>
    </Layout>
  );
}

/** Renders the home page to HTML. */
export function renderHomePage(props: HomeProps): string {
  return renderDocument(<HomePage {...props} />);
}
