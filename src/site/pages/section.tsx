import type { Section } from "../../content/index.js";
import { homePath, sectionPath } from "../../content/public-paths.js";
import { ArticleList, type ArticleListItem } from "../components/article-list.js";
import { neighbours, Pagination } from "../components/pagination.js";
import type { SiteContext } from "../context.js";
import { paragraphs } from "../format.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { sectionSeo } from "../seo/pages.js";

/** Props of a section page. */
export interface SectionProps {
  ctx: SiteContext;
  section: Section;
  /** From the root section down to this one. */
  path: readonly Section[];
  items: readonly ArticleListItem[];
  page: number;
  totalPages: number;
}

/** A section: breadcrumb, name, description and its articles. */
export function SectionPage({ ctx, section, path, items, page, totalPages }: SectionProps) {
  const pager = { page, totalPages, pathOf: (n: number) => sectionPath(section.slug, n) };
  const parents = path.filter((s) => s.id !== section.id);
  const seo = sectionSeo(ctx, section, page);
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `${section.name}, page ${page}` : section.name}
      description={section.description || undefined}
      path={sectionPath(section.slug, page)}
      {...neighbours(pager)}
      social={seo.social}
      jsonLd={seo.jsonLd}
      feed={{ scope: { kind: "sections", slug: section.slug }, name: section.name }}
    >
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href={homePath()}>Home</a>
          </li>
          {parents.map((s) => (
            <li key={s.id}>
              <a href={sectionPath(s.slug)}>{s.name}</a>
            </li>
          ))}
          <li>
            <a href={sectionPath(section.slug)} aria-current="page">
              {section.name}
            </a>
          </li>
        </ol>
      </nav>
      <header class="page-header">
        <p class="kicker">Section</p>
        <h1>{section.name}</h1>
        {paragraphs(section.description).map((p, i) => (
          <p class="page-description" key={i}>
            {p}
          </p>
        ))}
      </header>
      <section class="listing" aria-labelledby="section-articles">
        <h2 id="section-articles" class="listing-title">
          Articles{page > 1 ? ` — page ${page}` : ""}
        </h2>
        <ArticleList items={items} language={ctx.settings.language} />
        <Pagination {...pager} />
      </section>
    </Layout>
  );
}

/** Renders a section page to HTML. */
export function renderSectionPage(props: SectionProps): string {
  return renderDocument(<SectionPage {...props} />);
}
