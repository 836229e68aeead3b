// What hangs off an article besides its revisions: update/correction notes shown to readers and
// expiring preview links for drafts. See docs/ADMIN_API.md, "Content".
import { z } from "zod";
import { CorrectionInputSchema, forbidden, IdSchema } from "../../../content/index.js";
import { mayEdit, mayPublish } from "../../../services/article-access.js";
import { revokeArticlePreview, shareArticlePreview } from "../../../services/article-previews.js";
import { addCorrection } from "../../../services/corrections.js";
import { listPreviewLinks } from "../../../store/reads.js";
import { route } from "../route.js";
import { mustSeeArticle } from "./article-json.js";
import { ArticleParams } from "./articles.js";

export const PREVIEW_HOURS_DEFAULT = 48;
export const PREVIEW_HOURS_MAX = 168;

const PreviewBody = z
  .object({
    expiresInHours: z
      .number()
      .int("expiresInHours must be a whole number")
      .min(1, "expiresInHours must be at least 1")
      .max(PREVIEW_HOURS_MAX, `expiresInHours must be at most ${PREVIEW_HOURS_MAX} (a week)`)
      .default(PREVIEW_HOURS_DEFAULT),
  })
  .strict();

const PreviewLinkParams = z.object({ id: IdSchema, linkId: IdSchema }).strict();

/** The note and preview-link endpoints, for the admin API's ROUTES. */
export const ARTICLE_NOTE_ROUTES = [
  route({
    method: "POST",
    url: "/articles/:id/corrections",
    permission: "signed-in",
    does: "add update and correction notes",
    params: ArticleParams,
    body: CorrectionInputSchema,
    async handler({ actor, params, body, reply, deps: { store } }) {
      const correction = await addCorrection({ store }, actor, {
        articleId: params.id,
        note: body,
      });
      reply.status(201);
      return { correction };
    },
  }),

  route({
    method: "GET",
    url: "/articles/:id/preview-links",
    permission: "signed-in",
    does: "see preview links",
    params: ArticleParams,
    async handler({ actor, params, deps: { store } }) {
      const { article } = await mustSeeArticle(store, actor, params.id);
      if (!mayEdit(actor, article) && !mayPublish(actor, article))
        throw forbidden("see the preview links of this article");
      const items = await listPreviewLinks(store, article.id);
      return { items, total: items.length };
    },
  }),

  route({
    method: "POST",
    url: "/articles/:id/preview-links",
    permission: "signed-in",
    does: "share previews",
    params: ArticleParams,
    body: PreviewBody,
    async handler({ actor, params, body, reply, deps: { store, config } }) {
      const link = await shareArticlePreview({ store }, actor, {
        articleId: params.id,
        expiresInHours: body.expiresInHours,
      });
      reply.status(201);
      return {
        id: link.id,
        url: `${config.publicUrl}/preview/${link.token}`,
        expiresAt: link.expiresAt,
      };
    },
  }),

  route({
    method: "DELETE",
    url: "/articles/:id/preview-links/:linkId",
    permission: "signed-in",
    does: "revoke preview links",
    params: PreviewLinkParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await revokeArticlePreview({ store }, actor, { articleId: params.id, linkId: params.linkId });
      return reply.status(204).send();
    },
  }),
];
