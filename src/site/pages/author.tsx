import type { MediaItem, Person } from "../../content/index.js";
import { authorPath } from "../../content/public-paths.js";
import { ArticleList, type ArticleListItem } from "../components/article-list.js";
import { Avatar } from "../components/avatar.js";
import { neighbours, Pagination } from "../components/pagination.js";
import type { SiteContext } from "../context.js";
import { paragraphs, teamLine } from "../format.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { authorSeo } from "../seo/pages.js";

/** Props of an author page. */
export interface AuthorProps {
  ctx: SiteContext;
  person: Person;
  avatar: MediaItem | undefined;
  items: readonly ArticleListItem[];
  page: number;
  totalPages: number;
}

/** An author: portrait, name, role, team, full bio and their articles. */
export function AuthorPage({ ctx, person, avatar, items, page, totalPages }: AuthorProps) {
  const pager = { page, totalPages, pathOf: (n: number) => authorPath(person.slug, n) };
  const seo = authorSeo(ctx, person, avatar, page);
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `${person.name}, page ${page}` : person.name}
      description={person.shortBio || undefined}
      path={authorPath(person.slug, page)}
      {...neighbours(pager)}
      social={seo.social}
      jsonLd={seo.jsonLd}
      feed={{ scope: { kind: "authors", slug: person.slug }, name: person.name }}
    >
      <header class="page-header author-header">
        <Avatar person={person} media={avatar} size={128} />
        <div>
          <h1>{person.name}</h1>
          {person.roleTitle ? <p class="author-role">{person.roleTitle}</p> : null}
          {person.team ? <p class="author-team">{teamLine(person.team)}</p> : null}
        </div>
      </header>
      {person.bio || person.shortBio ? (
        <div class="author-bio">
          {paragraphs(person.bio || person.shortBio).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : null}
      <section class="listing" aria-labelledby="author-articles">
        <h2 id="author-articles" class="listing-title">
          Articles by {person.name}
          {page > 1 ? ` — page ${page}` : ""}
        </h2>
        <ArticleList
          items={items}
          language={ctx.settings.language}
          empty={`${person.name} has no published articles yet.`}
        />
        <Pagination {...pager} />
      </section>
    </Layout>
  );
}

/** Renders an author page to HTML. */
export function renderAuthorPage(props: AuthorProps): string {
  return renderDocument(<AuthorPage {...props} />);
}
