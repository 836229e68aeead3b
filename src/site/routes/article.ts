import type { FastifyInstance } from "fastify";
import { ContentInvalidError, isSlug } from "../../content/index.js";
import { type ArticlePage, addComment, loadArticlePage, NotFoundError } from "../../store/index.js";
import type { CommentField, CommentFormState } from "../components/comments.js";
import { invalidateArticlePages } from "../invalidate.js";
import { renderArticlePage } from "../pages/article.js";
import { renderForbiddenPage } from "../pages/error.js";
import { articlePath } from "../paths.js";
import { cachedPage, loadContext, type SiteDeps, sendHtml, sendNotFound } from "./respond.js";

// Where the store reports a problem (schema path) -> which form field shows it.
const FIELD_OF_PATH: Record<string, CommentField> = {
  authorName: "name",
  authorEmail: "email",
  body: "body",
};

/** A form value as a string: formbody gives arrays for repeated fields, JSON anything at all. */
function formValue(body: unknown, name: string): string {
  if (typeof body !== "object" || body === null) return "";
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return "";
}

/** The form state to show again after the store refused a comment. */
function formState(values: CommentFormState["values"], error: ContentInvalidError) {
  const form: CommentFormState = { values, errors: {}, general: [] };
  for (const issue of error.issues) {
    const field = FIELD_OF_PATH[issue.path];
    if (field === undefined) form.general.push(issue.message);
    else form.errors[field] ??= issue.message;
  }
  return form;
}

function invalidate(deps: SiteDeps, page: ArticlePage): void {
  invalidateArticlePages(deps.cache, {
    slug: page.article.slug,
    sectionSlugs: page.sectionPath.map((s) => s.slug),
    authorSlugs: page.authors.map((a) => a.slug),
  });
}

/** The article page and its comment form's target. */
export function registerArticleRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const { store } = deps;
  const serve = cachedPage(deps);

  // Benchmarked: a warm hit is one Map lookup inside `serve`, then the stored bytes.
  app.get<{ Params: { slug: string } }>("/articles/:slug", (request, reply) => {
    const { slug } = request.params;
    return serve(request, reply, articlePath(slug), async () => {
      if (!isSlug(slug)) return undefined;
      const [page, ctx] = await Promise.all([loadArticlePage(store, slug), loadContext(deps)]);
      return page ? renderArticlePage(page, ctx) : undefined;
    });
  });

  app.post<{ Params: { slug: string } }>("/articles/:slug/comments", async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) return sendNotFound(deps, reply);
    const [page, ctx] = await Promise.all([loadArticlePage(store, slug), loadContext(deps)]);
    if (!page) return sendNotFound(deps, reply);
    if (!page.article.commentsEnabled)
      return sendHtml(
        reply,
        403,
        renderForbiddenPage(ctx, "Comments are closed on this article, so yours was not posted."),
      );
    const values = {
      name: formValue(request.body, "name"),
      email: formValue(request.body, "email"),
      body: formValue(request.body, "body"),
    };
    try {
      const comment = await addComment(store, {
        articleId: page.article.id,
        authorName: values.name,
        authorEmail: values.email,
        body: values.body,
      });
      invalidate(deps, page);
      return reply.redirect(`${articlePath(slug)}#comment-${comment.id}`, 303);
    } catch (error) {
      if (error instanceof ContentInvalidError)
        return sendHtml(
          reply,
          400,
          renderArticlePage(page, { ...ctx, form: formState(values, error) }),
        );
      // Unpublished or deleted between the load and the insert.
      if (error instanceof NotFoundError) return sendNotFound(deps, reply);
      throw error;
    }
  });
}
