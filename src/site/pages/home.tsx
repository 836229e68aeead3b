import { articlePath, homePath } from "../../content/public-paths.js";
import { ArticleList, type ArticleListItem } from "../components/article-list.js";
import { neighbours, Pagination } from "../components/pagination.js";
import { SubscribeBox } from "../components/subscribe-form.js";
import type { SiteContext } from "../context.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { homeSeo } from "../seo/pages.js";

/** Props of the home page. */
export interface HomeProps {
  ctx: SiteContext;
  items: readonly ArticleListItem[];
  page: number;
  totalPages: number;
  /** The week's most-read public articles, most first (front page only). */
  mostRead?: readonly { slug: string; headline: string }[];
  /** Whether a newsletter takes subscribers: the subscribe form shows on the first page. */
  subscribe?: boolean;
}

/** The front page: the masthead names the publication (the page's h1), then the latest articles. */
export function HomePage({ ctx, items, page, totalPages, mostRead = [], subscribe }: HomeProps) {
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
      {mostRead.length > 0 ? (
        <section class="listing most-read" aria-labelledby="most-read-heading">
          <h2 id="most-read-heading" class="listing-title">
            Most read this week
          </h2>
          <ol class="most-read-list">
            {mostRead.map((a) => (
              <li key={a.slug}>
                <a href={articlePath(a.slug)}>{a.headline}</a>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {subscribe && page === 1 ? <SubscribeBox form="home" /> : null}
    </Layout>
  );
}

/** Renders the home page to HTML. */
export function renderHomePage(props: HomeProps): string {
  return renderDocument(<HomePage {...props} />);
}
