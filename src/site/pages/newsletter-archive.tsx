import type { Edition, Newsletter } from "../../content/index.js";
import { editionPath, newsletterArchivePath } from "../../content/index.js";
import { ArticleList, type ArticleListItem } from "../components/article-list.js";
import type { SiteContext } from "../context.js";
import { formatDate, paragraphs } from "../format.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";

/** A newsletter's past editions, newest first: each its web copy's link and date. */
export function NewsletterEditionsPage({
  ctx,
  newsletter,
  editions,
}: {
  ctx: SiteContext;
  newsletter: Newsletter;
  editions: readonly Edition[];
}) {
  const language = ctx.settings.language;
  return (
    <Layout
      ctx={ctx}
      title={`${newsletter.name}: past editions`}
      description={newsletter.description || undefined}
      path={newsletterArchivePath(newsletter.slug)}
    >
      <header class="page-header">
        <p class="kicker">
          <a href="/newsletter">Newsletters</a>
        </p>
        <h1>{newsletter.name}</h1>
        {newsletter.description ? <p class="page-description">{newsletter.description}</p> : null}
      </header>
      {editions.length > 0 ? (
        <ol class="edition-list">
          {editions.map((e) => (
            <li key={e.id}>
              <a href={editionPath(newsletter.slug, e.slug)}>{e.subject}</a>{" "}
              <time datetime={e.queuedAt ?? undefined}>{formatDate(e.queuedAt, language)}</time>
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">No editions have been sent yet.</p>
      )}
    </Layout>
  );
}

/** Renders a newsletter's list of past editions to HTML. */
export function renderNewsletterEditionsPage(props: {
  ctx: SiteContext;
  newsletter: Newsletter;
  editions: readonly Edition[];
}): string {
  return renderDocument(<NewsletterEditionsPage {...props} />);
}

/**
 * An edition's web copy: its subject, the editor's intro and the articles it sent, each linking
 * to its page (the article pages are the readable versions of what the email carried).
 */
export function EditionPage({
  ctx,
  newsletter,
  edition,
  items,
}: {
  ctx: SiteContext;
  newsletter: Newsletter;
  edition: Edition;
  items: readonly ArticleListItem[];
}) {
  const language = ctx.settings.language;
  return (
    <Layout
      ctx={ctx}
      title={edition.subject}
      description={`${newsletter.name}, ${formatDate(edition.queuedAt, language)}`}
      path={editionPath(newsletter.slug, edition.slug)}
    >
      <article class="edition">
        <header class="page-header">
          <p class="kicker">
            <a href={newsletterArchivePath(newsletter.slug)}>{newsletter.name}</a>
          </p>
          <h1>{edition.subject}</h1>
          <p class="meta">
            <time datetime={edition.queuedAt ?? undefined}>
              {formatDate(edition.queuedAt, language)}
            </time>
          </p>
        </header>
        {paragraphs(edition.intro).map((p) => (
          <p class="edition-intro" key={p}>
            {p}
          </p>
        ))}
        <ArticleList
          items={items}
          language={language}
          empty="The articles of this edition are no longer published."
        />
        <p class="edition-subscribe">
          <a href="/newsletter">Subscribe to {newsletter.name}</a>
        </p>
      </article>
    </Layout>
  );
}

/** Renders an edition's web copy to HTML. */
export function renderEditionPage(props: {
  ctx: SiteContext;
  newsletter: Newsletter;
  edition: Edition;
  items: readonly ArticleListItem[];
}): string {
  return renderDocument(<EditionPage {...props} />);
}
