import {
  ARTICLE_TYPE_LABELS,
  type ArticleStatus,
  type MediaItem,
  type Person,
  readingMinutes,
  WORDS_PER_MINUTE,
} from "../../content/index.js";
import { articlePath, authorPath, sectionPath, tagPath } from "../../content/public-paths.js";
import type { ArticlePage } from "../../store/reads.js";
import type { AssetName } from "../assets.js";
import { Body, hasPlayableVideo } from "../blocks/index.js";
import { Avatar } from "../components/avatar.js";
import { type CommentFormState, Comments, type CommentsView } from "../components/comments.js";
import { Corrections } from "../components/corrections.js";
import { LiveBlogSection } from "../components/live-blog.js";
import { SubscribeBox } from "../components/subscribe-form.js";
import type { SiteContext } from "../context.js";
import { formatDate, paragraphs, teamLine } from "../format.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { articleSeo, metaDescription, metaTitle } from "../seo/pages.js";

/** What rendering an article page needs besides the page data. */
export interface ArticleRenderContext extends SiteContext {
  /** Set when a comment was refused: the reader's input and what was wrong with it. */
  form?: CommentFormState;
  /** The comment form's stamp, closing, reply target and what this one request may see. */
  comments?: CommentsView;
  /**
   * Set for a preview link: a banner says the article is not published, and the page has no
   * canonical link, asks not to be indexed, counts no views and takes no comments.
   */
  preview?: boolean;
  /** Whether a newsletter takes subscribers: the subscribe form shows below the article. */
  subscribe?: boolean;
}

const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: "draft",
  in_review: "in review",
  scheduled: "scheduled",
  published: "published",
  unpublished: "unpublished",
};

const READING_RULE = `Estimated at ${WORDS_PER_MINUTE} words per minute, an average adult reading speed`;

function AuthorByline({ person, avatar }: { person: Person; avatar: MediaItem | undefined }) {
  const team = teamLine(person.team);
  return (
    <div class="byline-author">
      <Avatar person={person} media={avatar} size={64} />
      <div class="byline-text">
        {team ? <p class="byline-team">{team}</p> : null}
        <p class="byline-name">
          By:{" "}
          <a href={authorPath(person.slug)} rel="author">
            {person.name}
          </a>
          {person.roleTitle ? `, ${person.roleTitle}` : null}
        </p>
        {person.shortBio ? (
          <p class="byline-bio">
            {person.shortBio}{" "}
            <a href={authorPath(person.slug)}>
              Full bio<span class="visually-hidden"> of {person.name}</span>
            </a>
          </p>
        ) : null}
      </div>
    </div>
  );
}

function AuthorBox({ person, avatar }: { person: Person; avatar: MediaItem | undefined }) {
  const bio = paragraphs(person.bio || person.shortBio);
  return (
    <div class="author-box-person">
      <Avatar person={person} media={avatar} size={96} lazy />
      <div>
        <h3 class="author-box-name">
          <a href={authorPath(person.slug)}>{person.name}</a>
        </h3>
        {person.roleTitle || person.team ? (
          <p class="author-box-role">
            {[person.roleTitle, person.team ? `${person.team}` : ""].filter(Boolean).join(" · ")}
          </p>
        ) : null}
        {bio.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </div>
  );
}

/** Says, above a preview, that readers do not see this page (or not as it is now). */
function PreviewBanner({ status }: { status: ArticleStatus }) {
  return (
    <p class="preview-banner" role="note">
      {status === "published" ? (
        <>
          <strong>Preview.</strong> This link shows the article as last saved; readers see the
          published page.
        </>
      ) : (
        <>
          <strong>Preview — not published.</strong> This article is {STATUS_LABELS[status]}; readers
          cannot see it.
        </>
      )}
    </p>
  );
}

/** The article page component; see renderArticlePage. */
export function ArticleView({ page, ctx }: { page: ArticlePage; ctx: ArticleRenderContext }) {
  const { article, authors, section, media } = page;
  const language = ctx.settings.language;
  const minutes = readingMinutes(article.body);
  const date = formatDate(article.publishedAt, language);
  const scripts: AssetName[] = [
    ...(ctx.preview ? [] : (["views.js"] as const)),
    ...(hasPlayableVideo(article.body) ? (["video.js"] as const) : []),
    // Keeps the live updates current; a preview stays as it was rendered.
    ...(page.live && !ctx.preview ? (["live.js"] as const) : []),
  ];
  const avatarOf = (p: Person) => (p.avatarId ? media[p.avatarId] : undefined);
  // A preview is not the public page: no card, no structured data.
  const seo = ctx.preview ? undefined : articleSeo(page, ctx);
  return (
    <Layout
      ctx={ctx}
      title={
        ctx.preview
          ? `Preview: ${article.headline}`
          : ctx.form
            ? `Error: ${article.headline}`
            : metaTitle(article)
      }
      description={metaDescription(article)}
      path={ctx.preview ? undefined : articlePath(article.slug)}
      canonicalUrl={article.canonicalUrl ?? undefined}
      noindex={ctx.preview}
      scripts={scripts}
      social={seo?.social}
      jsonLd={seo?.jsonLd}
      feed={{ scope: { kind: "sections", slug: section.slug }, name: section.name }}
    >
      {ctx.preview ? <PreviewBanner status={article.status} /> : null}
      <article
        class="article"
        data-article-id={article.id}
        data-article-type={article.type}
        aria-labelledby="headline"
      >
        <header class="article-header">
          <h1 id="headline">{article.headline}</h1>
          {article.dek ? <p class="dek">{article.dek}</p> : null}
          <div class="byline">
            {authors.map((p) => (
              <AuthorByline person={p} avatar={avatarOf(p)} key={p.id} />
            ))}
          </div>
          <p class="article-meta">
            <span class="reading-time" title={READING_RULE}>
              {minutes} Min Read
            </span>
            <span class={`type-label type-${article.type}`}>
              <span class="visually-hidden">Article type: </span>
              {ARTICLE_TYPE_LABELS[article.type]}
            </span>
            <a class="section-label" href={sectionPath(section.slug)}>
              <span class="visually-hidden">Section: </span>
              {section.name}
            </a>
            {date ? <time datetime={article.publishedAt ?? undefined}>{date}</time> : null}
          </p>
        </header>
        <div class="article-body">
          <Body blocks={article.body} refs={{ ...page, origin: ctx.config.publicUrl }} />
        </div>
        {page.live ? (
          <LiveBlogSection
            slug={article.slug}
            live={page.live}
            options={{ language, origin: ctx.config.publicUrl }}
          />
        ) : null}
        <Corrections corrections={page.corrections} language={language} />
        <footer class="article-footer">
          <p class="views">
            Total Views: <span data-views="">{page.views}</span>
          </p>
          <p class="footnote">
            Reading time is estimated at {WORDS_PER_MINUTE} words per minute. Views count each
            browser that opens this article with JavaScript on, once a day (UTC) per network address
            and browser, at most {ctx.config.viewsPerAddress} a day per address; bots, link previews
            and prefetches are left out, and no cookie is set.
          </p>
          <section class="author-box" aria-labelledby="about-author">
            <h2 id="about-author">About the {authors.length > 1 ? "authors" : "author"}</h2>
            {authors.map((p) => (
              <AuthorBox person={p} avatar={avatarOf(p)} key={p.id} />
            ))}
          </section>
          {page.tags.length > 0 ? (
            <div class="tags">
              <span id="tags-label" class="tags-label">
                Tags
              </span>
              <ul aria-labelledby="tags-label">
                {page.tags.map((t) => (
                  <li class="tag" key={t.id}>
                    <a href={tagPath(t.slug)} rel="tag">
                      {t.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </footer>
        {ctx.subscribe && !ctx.preview ? <SubscribeBox form="article" /> : null}
        {ctx.preview ? null : (
          <Comments
            slug={article.slug}
            comments={page.comments}
            enabled={article.commentsEnabled}
            language={language}
            form={ctx.form}
            view={ctx.comments}
          />
        )}
      </article>
    </Layout>
  );
}

/**
 * Renders a complete article page to HTML. Pure: no I/O besides reading the asset hashes once
 * per process, so a benchmark can time it alone.
 */
export function renderArticlePage(page: ArticlePage, ctx: ArticleRenderContext): string {
  return renderDocument(<ArticleView page={page} ctx={ctx} />);
}
