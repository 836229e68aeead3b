// A digest: a heading, the editor's intro, then one entry per article (thumbnail, section and
// kind, title, summary, byline and date), each linking to the article's page.
import { safeSubject } from "../../content/email-address.js";
import { ARTICLE_TYPE_LABELS } from "../../content/index.js";
import { formatDate, namesList, paragraphsOf } from "./format.js";
import { oneLine, renderHtml, textFooter } from "./layout.js";
import { wrap } from "./text.js";
import type { DigestEmailInput, DigestItem, EmailPublication, RenderedEmail } from "./types.js";
import { articleUrl, emailImage } from "./urls.js";

/** The thumbnail's width: a third of the column, beside the entry's words. */
const THUMBNAIL_WIDTH = 160;

const summaryOf = (item: DigestItem): string =>
  item.summary ?? (item.article.dek || item.article.metaDescription);

/** "Section · Analysis" */
const kickerOf = (item: DigestItem): string =>
  `${item.section.name} · ${ARTICLE_TYPE_LABELS[item.article.type]}`;

function bylineOf(item: DigestItem, language: string): string {
  const names = item.authors.length > 0 ? `By ${namesList(item.authors.map((a) => a.name))}` : "";
  return [names, formatDate(item.article.publishedAt, language)]
    .filter((p) => p !== "")
    .join(" · ");
}

function Entry({ item, publication }: { item: DigestItem; publication: EmailPublication }) {
  const href = articleUrl(publication.publicUrl, item.article.slug);
  const image = item.image
    ? emailImage(publication.publicUrl, item.image, THUMBNAIL_WIDTH)
    : undefined;
  const summary = summaryOf(item);
  const byline = bylineOf(item, publication.language);
  return (
    <table role="presentation" class="digest-item" width="100%" cellPadding="0" cellSpacing="0">
      <tbody>
        <tr>
          {image && item.image ? (
            <td class="digest-image" width={THUMBNAIL_WIDTH}>
              <a href={href}>
                <img
                  src={image.src}
                  width={image.width}
                  {...(image.height > 0 ? { height: image.height } : {})}
                  alt={item.image.alt}
                  style={{
                    display: "block",
                    width: "100%",
                    maxWidth: `${image.width}px`,
                    height: "auto",
                  }}
                />
              </a>
            </td>
          ) : null}
          <td class="digest-text">
            <p class="kicker">{kickerOf(item)}</p>
            <p class="digest-title">
              <a href={href}>{item.article.headline}</a>
            </p>
            {summary ? <p class="digest-summary">{summary}</p> : null}
            {byline ? <p class="digest-meta">{byline}</p> : null}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function digestText(input: DigestEmailInput): string {
  const { publication } = input;
  const entries = input.items.map((item) => {
    const summary = summaryOf(item);
    const byline = bylineOf(item, publication.language);
    return [
      kickerOf(item),
      wrap(item.article.headline),
      ...(summary ? [wrap(summary)] : []),
      ...(byline ? [byline] : []),
      `Read it: ${articleUrl(publication.publicUrl, item.article.slug)}`,
    ].join("\n");
  });
  return [
    publication.name,
    wrap(input.heading.toUpperCase()),
    ...(input.intro ? paragraphsOf(input.intro).map((p) => wrap(p)) : []),
    ...entries,
    textFooter(input),
  ]
    .filter((p) => p.trim() !== "")
    .join("\n\n")
    .concat("\n");
}

/**
 * A digest as an email: subject (the heading unless given), HTML and plain-text parts, both
 * still holding EMAIL_LINK_PLACEHOLDERS for `personalize`. Pure.
 * @example renderDigestEmail({ publication, newsletter, heading: "The week", items: await loadDigestItems(store, ids) })
 */
export function renderDigestEmail(input: DigestEmailInput): RenderedEmail {
  const { publication, newsletter } = input;
  const intro = input.intro ? paragraphsOf(input.intro) : [];
  const subject = safeSubject(input.subject ?? input.heading);
  const preheader = oneLine(input.preheader ?? intro[0] ?? input.items[0]?.article.headline ?? "");
  const html = renderHtml(
    { publication, newsletter, subject, preheader },
    <div class="digest">
      <h1>{input.heading}</h1>
      {intro.map((p, i) => (
        <p class="dek" key={i}>
          {p}
        </p>
      ))}
      {input.items.map((item) => (
        <Entry item={item} publication={publication} key={item.article.id} />
      ))}
    </div>,
  );
  return { subject, html, text: digestText(input) };
}
