import type { Tag } from "../../content/index.js";
import { homePath, tagPath } from "../../content/public-paths.js";
import { ArticleList, type ArticleListItem } from "../components/article-list.js";
import { neighbours, Pagination } from "../components/pagination.js";
import type { SiteContext } from "../context.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { tagSeo } from "../seo/pages.js";

/** Props of a tag page. */
export interface TagProps {
  ctx: SiteContext;
  tag: Tag;
  items: readonly ArticleListItem[];
  page: number;
  totalPages: number;
}

/** A tag (topic): its name and the public articles that carry it, newest first. */
export function TagPage({ ctx, tag, items, page, totalPages }: TagProps) {
  const pager = { page, totalPages, pathOf: (n: number) => tagPath(tag.slug, n) };
  const seo = tagSeo(ctx, tag, page);
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `${tag.name}, page ${page}` : tag.name}
      description={`Articles tagged ${tag.name}.`}
      path={tagPath(tag.slug, page)}
      {...neighbours(pager)}
      social={seo.social}
      jsonLd={seo.jsonLd}
      feed={{ scope: { kind: "tags", slug: tag.slug }, name: tag.name }}
    >
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href={homePath()}>Home</a>
          </li>
          <li>
            <a href={tagPath(tag.slug)} aria-current="page">
              {tag.name}
            </a>
          </li>
        </ol>
      </nav>
      <header class="page-header">
        <p class="kicker">Tag</p>
        <h1>{tag.name}</h1>
      </header>
      <section class="listing" aria-labelledby="tag-articles">
        <h2 id="tag-articles" class="listing-title">
          Articles{page > 1 ? ` — page ${page}` : ""}
        </h2>
        <ArticleList
          items={items}
          language={ctx.settings.language}
          empty={`No published articles are tagged ${tag.name} yet.`}
        />
        <Pagination {...pager} />
      </section>
    </Layout>
  );
}

/** Renders a tag page to HTML. */
export function renderTagPage(props: TagProps): string {
  return renderDocument(<TagPage {...props} />);
}
