// Newsletters and their editions: compose, preview, test and send. See docs/ADMIN_API.md,
// "Newsletters" and docs/EMAIL.md.
import { z } from "zod";
import {
  EditionEditSchema,
  EditionFromArticleSchema,
  IdSchema,
  NewsletterInputSchema,
  NotFoundError,
} from "../../../content/index.js";
import {
  editEdition,
  editionFromArticle,
  editionsWithFigures,
  editionWithFigures,
  previewEdition,
  removeEdition,
  sendEdition,
  sendTestEdition,
} from "../../../services/editions.js";
import {
  addNewsletter,
  editNewsletter,
  newslettersWithCounts,
  removeNewsletter,
} from "../../../services/newsletters.js";
import { route } from "../route.js";

const IdParams = z.object({ id: IdSchema }).strict();
/** `?format=html` (the default) or `text`: which part of the message the preview shows. */
export const EditionPreviewQuerySchema = z
  .object({ format: z.enum(["html", "text"]).default("html") })
  .strict();

// The preview is a whole email document: when opened on its own it may show its styles and
// images and nothing else (no script, no form, no plugin), and it is framed only by the app.
const PREVIEW_CSP =
  "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

/** The newsletter and edition endpoints, for the admin API's ROUTES. */
export const NEWSLETTER_ROUTES = [
  route({
    method: "GET",
    url: "/newsletters",
    permission: "newsletter.manage",
    does: "list newsletters",
    async handler({ deps: { store } }) {
      const items = await newslettersWithCounts({ store });
      return { items, total: items.length };
    },
  }),

  route({
    method: "GET",
    url: "/newsletters/:id",
    permission: "newsletter.manage",
    does: "read newsletters",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      const newsletter = (await newslettersWithCounts({ store })).find((n) => n.id === params.id);
      if (!newsletter) throw new NotFoundError("newsletter", params.id);
      return { newsletter };
    },
  }),

  route({
    method: "POST",
    url: "/newsletters",
    permission: "newsletter.manage",
    does: "add newsletters",
    body: NewsletterInputSchema,
    async handler({ actor, body, reply, deps: { store } }) {
      const newsletter = await addNewsletter({ store }, actor, body);
      reply.status(201);
      return { newsletter };
    },
  }),

  route({
    method: "PUT",
    url: "/newsletters/:id",
    permission: "newsletter.manage",
    does: "edit newsletters",
    params: IdParams,
    body: NewsletterInputSchema,
    async handler({ actor, params, body, deps: { store } }) {
      const newsletter = await editNewsletter({ store }, actor, { id: params.id, input: body });
      return { newsletter };
    },
  }),

  route({
    method: "DELETE",
    url: "/newsletters/:id",
    permission: "newsletter.manage",
    does: "delete newsletters",
    params: IdParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await removeNewsletter({ store }, actor, params.id);
      return reply.status(204).send();
    },
  }),

  route({
    method: "GET",
    url: "/newsletters/:id/editions",
    permission: "newsletter.manage",
    does: "list newsletter editions",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      const items = await editionsWithFigures({ store }, params.id);
      return { items, total: items.length };
    },
  }),

  route({
    method: "POST",
    url: "/editions",
    permission: "newsletter.manage",
    does: "compose newsletter editions",
    body: EditionFromArticleSchema,
    async handler({ actor, body, reply, deps: { store, config } }) {
      const edition = await editionFromArticle({ store, config }, actor, body);
      reply.status(201);
      return { edition: await editionWithFigures({ store }, edition.id) };
    },
  }),

  route({
    method: "GET",
    url: "/editions/:id",
    permission: "newsletter.manage",
    does: "read newsletter editions",
    params: IdParams,
    async handler({ params, deps: { store } }) {
      return { edition: await editionWithFigures({ store }, params.id) };
    },
  }),

  route({
    method: "PUT",
    url: "/editions/:id",
    permission: "newsletter.manage",
    does: "edit newsletter editions",
    params: IdParams,
    body: EditionEditSchema,
    async handler({ actor, params, body, deps: { store } }) {
      await editEdition({ store }, actor, { id: params.id, input: body });
      return { edition: await editionWithFigures({ store }, params.id) };
    },
  }),

  route({
    method: "DELETE",
    url: "/editions/:id",
    permission: "newsletter.manage",
    does: "delete newsletter editions",
    params: IdParams,
    async handler({ actor, params, reply, deps: { store } }) {
      await removeEdition({ store }, actor, params.id);
      return reply.status(204).send();
    },
  }),

  route({
    method: "GET",
    url: "/editions/:id/preview",
    permission: "newsletter.manage",
    does: "preview newsletter editions",
    params: IdParams,
    query: EditionPreviewQuerySchema,
    async handler({ actor, params, query, reply, deps: { store, config } }) {
      const rendered = await previewEdition({ store, config }, actor, params.id);
      if (query.format === "text") {
        reply.type("text/plain; charset=utf-8");
        return rendered.text;
      }
      reply.type("text/html; charset=utf-8").header("content-security-policy", PREVIEW_CSP);
      return rendered.html;
    },
  }),

  route({
    method: "POST",
    url: "/editions/:id/test",
    permission: "newsletter.manage",
    does: "send test editions",
    params: IdParams,
    async handler({ actor, params, reply, deps: { store, config } }) {
      const sent = await sendTestEdition({ store, config }, actor, params.id);
      reply.status(202);
      return sent;
    },
  }),

  route({
    method: "POST",
    url: "/editions/:id/send",
    permission: "newsletter.manage",
    does: "send newsletter editions",
    params: IdParams,
    async handler({ actor, params, reply, deps: { store, config } }) {
      await sendEdition({ store, config }, actor, params.id);
      reply.status(202);
      return { edition: await editionWithFigures({ store }, params.id) };
    },
  }),
];
