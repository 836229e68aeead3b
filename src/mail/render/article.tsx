// "Send as newsletter": one published article as an email, saying what the article page says
// about it (section, what kind of piece it is, byline, date, update and correction notes).
import { safeSubject } from "../../content/email-address.js";
import { ARTICLE_TYPE_LABELS, blockPlainText, CORRECTION_LABELS } from "../../content/index.js";
import { sectionPath } from "../../content/public-paths.js";
import { EmailBody, type EmailRefs } from "./blocks.js";
import {
  correctionsHeading,
  formatDate,
  formatDateTime,
  namesList,
  paragraphsOf,
} from "./format.js";
import { oneLine, renderHtml, textFooter } from "./layout.js";
import { bodyToText, wrap } from "./text.js";
import type { ArticleEmailInput, EmailArticle, EmailPublication, RenderedEmail } from "./types.js";
import { articleUrl, siteUrl } from "./urls.js";

function refsOf(content: EmailArticle, publication: EmailPublication): EmailRefs {
  return {
    publicUrl: publication.publicUrl,
    pageUrl: articleUrl(publication.publicUrl, content.article.slug),
    publicationName: publication.name,
    media: content.media,
    trackers: content.trackers,
  };
}

/** The dek, else the first paragraph's words: what an inbox shows beside the subject. */
function defaultPreheader(content: EmailArticle): string {
  if (content.article.dek) return content.article.dek;
  const first = content.article.body.find((b) => b.type === "paragraph");
  return first ? blockPlainText(first) : "";
}

function ArticleHeader({
  content,
  refs,
  language,
}: {
  content: EmailArticle;
  refs: EmailRefs;
  language: string;
}) {
  const { article, authors, section } = content;
  const date = formatDate(article.publishedAt, language);
  return (
    <>
      <p class="kicker">
        <a href={siteUrl(refs.publicUrl, sectionPath(section.slug))}>{section.name}</a>
        {" · "}
        <span class="type-label">{ARTICLE_TYPE_LABELS[article.type]}</span>
      </p>
      <h1>
        <a href={refs.pageUrl}>{article.headline}</a>
      </h1>
      {article.dek ? <p class="dek">{article.dek}</p> : null}
      <p class="meta">
        {authors.length > 0 ? <>By {namesList(authors.map((a) => a.name))}</> : null}
        {authors.length > 0 && date ? " · " : null}
        {date}
      </p>
    </>
  );
}

function CorrectionsList({ content, language }: { content: EmailArticle; language: string }) {
  const { corrections } = content;
  if (corrections.length === 0) return null;
  return (
    <div class="corrections">
      <h2>{correctionsHeading(corrections.map((c) => c.kind))}</h2>
      <ul>
        {corrections.map((c) => (
          <li key={c.id}>
            <strong>{CORRECTION_LABELS[c.kind]}</strong> ({formatDateTime(c.createdAt, language)}):{" "}
            {c.note}
          </li>
        ))}
      </ul>
    </div>
  );
}

function articleText(input: ArticleEmailInput, refs: EmailRefs): string {
  const { content, publication } = input;
  const { article, authors, section, corrections } = content;
  const language = publication.language;
  const date = formatDate(article.publishedAt, language);
  const byline = [authors.length > 0 ? `By ${namesList(authors.map((a) => a.name))}` : "", date]
    .filter((p) => p !== "")
    .join(" · ");
  const notes =
    corrections.length > 0
      ? [
          correctionsHeading(corrections.map((c) => c.kind)),
          ...corrections.map((c) =>
            wrap(
              `${CORRECTION_LABELS[c.kind]} (${formatDateTime(c.createdAt, language)}): ${c.note}`,
              "  ",
              "- ",
            ),
          ),
        ].join("\n")
      : "";
  return [
    publication.name,
    ...(input.intro ? paragraphsOf(input.intro).map((p) => wrap(p)) : []),
    `${section.name} · ${ARTICLE_TYPE_LABELS[article.type]}`,
    wrap(article.headline.toUpperCase()),
    ...(article.dek ? [wrap(article.dek)] : []),
    ...(byline ? [byline] : []),
    bodyToText(article.body, refs),
    notes,
    `Read it on ${publication.name}: ${refs.pageUrl}`,
    textFooter(input),
  ]
    .filter((p) => p.trim() !== "")
    .join("\n\n")
    .concat("\n");
}

/**
 * One published article as an email: subject (the headline unless given), the HTML part and the
 * plain-text part, both still holding EMAIL_LINK_PLACEHOLDERS for `personalize`. Pure.
 * @example const email = renderArticleEmail({ publication, newsletter, content: await loadEmailArticle(store, id) });
 */
export function renderArticleEmail(input: ArticleEmailInput): RenderedEmail {
  const { content, publication, newsletter } = input;
  const refs = refsOf(content, publication);
  const subject = safeSubject(input.subject ?? content.article.headline);
  const preheader = oneLine(input.preheader ?? defaultPreheader(content));
  const html = renderHtml(
    { publication, newsletter, subject, preheader },
    <>
      {input.intro ? (
        <div class="intro">
          {paragraphsOf(input.intro).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      ) : null}
      <div class="article" data-article-type={content.article.type}>
        <ArticleHeader content={content} refs={refs} language={publication.language} />
        <EmailBody blocks={content.article.body} refs={refs} />
        <CorrectionsList content={content} language={publication.language} />
        <p class="read-on">
          <a href={refs.pageUrl}>Read it on {publication.name}</a>
        </p>
      </div>
    </>,
  );
  return { subject, html, text: articleText(input, refs) };
}
