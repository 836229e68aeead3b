import {
  ARTICLE_TYPE_LABELS,
  type Article,
  type Person,
  readingMinutes,
  type Section,
} from "../../content/index.js";
import { articlePath, authorPath, sectionPath } from "../../content/public-paths.js";
import { formatDate } from "../format.js";

/** An article with what its teaser shows. */
export interface ArticleListItem {
  article: Article;
  authors: readonly Person[];
  section: Section | undefined;
  /** Approved comments; left out where a list does not show them. */
  commentCount?: number;
}

/** Comma-and-"and" list of author links. */
export function AuthorLinks({ authors }: { authors: readonly Person[] }) {
  return (
    <>
      {authors.map((p, i) => (
        <span key={p.id}>
          {i === 0 ? "" : i === authors.length - 1 ? " and " : ", "}
          <a href={authorPath(p.slug)}>{p.name}</a>
        </span>
      ))}
    </>
  );
}

/** The line above a headline: the article's type, labelled, and its section. */
export function Kicker({ type, section }: { type: Article["type"]; section: Section | undefined }) {
  return (
    <p class="kicker">
      <span class={`type-label type-${type}`}>{ARTICLE_TYPE_LABELS[type]}</span>
      {section ? (
        <a class="section-label" href={sectionPath(section.slug)}>
          {section.name}
        </a>
      ) : null}
    </p>
  );
}

function Teaser({ item, language }: { item: ArticleListItem; language: string }) {
  const { article, authors, section } = item;
  const date = formatDate(article.publishedAt, language);
  return (
    <li class="teaser">
      <article>
        <Kicker type={article.type} section={section} />
        <h2 class="teaser-headline">
          <a href={articlePath(article.slug)}>{article.headline}</a>
        </h2>
        {article.dek ? <p class="teaser-dek">{article.dek}</p> : null}
        <p class="meta">
          {authors.length > 0 ? (
            <span>
              By <AuthorLinks authors={authors} />
            </span>
          ) : null}
          {date ? <time datetime={article.publishedAt ?? undefined}>{date}</time> : null}
          <span>{readingMinutes(article.body)} Min Read</span>
          {item.commentCount !== undefined && article.commentsEnabled ? (
            <a class="teaser-comments" href={`${articlePath(article.slug)}#comments`}>
              {item.commentCount === 1 ? "1 comment" : `${item.commentCount} comments`}
              <span class="visually-hidden"> on {article.headline}</span>
            </a>
          ) : null}
        </p>
      </article>
    </li>
  );
}

/** A list of article teasers, or a friendly line when there are none. */
export function ArticleList({
  items,
  language,
  empty = "No articles have been published here yet.",
}: {
  items: readonly ArticleListItem[];
  language: string;
  empty?: string;
}) {
  if (items.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ol class="article-list">
      {items.map((item) => (
        <Teaser item={item} language={language} key={item.article.id} />
      ))}
    </ol>
  );
}
