import type { FastifyInstance } from "fastify";
import { isPublic } from "../../content/index.js";
import { addViews, getArticleById, getViews } from "../../store/index.js";
import { shouldCountView } from "../views/should-count.js";
import type { SiteDeps } from "./respond.js";

// Ids are UUIDs (content/ids.ts); checked here without a schema parse on every beacon.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const error = (code: string, message: string) => ({ error: { code, message } });

/** The view beacon: counts a reader's view and answers with the article's total. */
export function registerViewRoutes(app: FastifyInstance, { store }: SiteDeps): void {
  app.post<{ Params: { articleId: string } }>("/views/:articleId", async (request, reply) => {
    const id = request.params.articleId;
    reply.header("cache-control", "no-store");
    if (!UUID.test(id))
      return reply
        .code(400)
        .send(error("MH_BAD_REQUEST", `article id must be a UUID; got '${id}'`));
    const article = await getArticleById(store, id);
    if (!article || !isPublic(article))
      return reply.code(404).send(error("MH_NOT_FOUND", `no public article with id '${id}'`));
    const h = request.headers;
    const body = request.body as { repeat?: unknown } | undefined;
    const decision = shouldCountView({
      userAgent: h["user-agent"],
      purpose: [
        h["sec-purpose"] as string | undefined,
        h.purpose as string | undefined,
        h["x-purpose"] as string | undefined,
        h["x-moz"] as string | undefined,
      ],
      repeat: typeof body === "object" && body !== null && body.repeat === true,
    });
    if (decision.count) await addViews(store, id, 1);
    // A returning reader still gets the fresh total for the page; bots and prefetches get nothing.
    else if (decision.reason !== "repeat") return reply.code(204).send();
    return { views: await getViews(store, id) };
  });
}
