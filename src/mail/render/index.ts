// The email renderer (issue 15): newsletters from the same structured content as the site, as
// email-safe HTML and plain text. Pure: callers load the content (src/services/email-content.ts)
// and send the result; per-recipient links are filled in by `personalize`.
export { renderArticleEmail } from "./article.js";
export { renderDigestEmail } from "./digest.js";
export { EMAIL_LINK_PLACEHOLDERS, type EmailLinks, personalize } from "./placeholders.js";
export type {
  ArticleEmailInput,
  DigestEmailInput,
  DigestItem,
  EmailArticle,
  EmailNewsletter,
  EmailPublication,
  RenderedEmail,
} from "./types.js";
