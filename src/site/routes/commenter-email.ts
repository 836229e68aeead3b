// A commenter's email confirmation link (issue 15): GET shows a page with a button, and only
// its POST confirms, from any browser (the link is the proof). Every answer is personal:
// no-store, never in the page cache. See docs/EMAIL.md, "Commenter verification".
import type { FastifyInstance } from "fastify";
import { commenterConfirmPath } from "../../content/public-paths.js";
import {
  commenterConfirmationState,
  confirmCommenterToken,
} from "../../services/commenter-verification.js";
import {
  renderCommenterConfirmedPage,
  renderCommenterConfirmPage,
  renderCommenterLinkProblemPage,
} from "../pages/commenter-email.js";
import { loadContext, type SiteDeps, sendHtml } from "./respond.js";

/** The token of a query or form: a string, else "" (which reads as an unknown link). */
function tokenOf(source: unknown): string {
  if (typeof source !== "object" || source === null) return "";
  const t = (source as Record<string, unknown>).t;
  return typeof t === "string" ? t : "";
}

/** Registers GET and POST of the confirmation page. */
export function registerCommenterEmailRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const { store } = deps;
  app.get(commenterConfirmPath(), async (request, reply) => {
    const token = tokenOf(request.query);
    const [state, ctx] = await Promise.all([
      commenterConfirmationState({ store }, token),
      loadContext(deps),
    ]);
    if (state === "usable") return sendHtml(reply, 200, renderCommenterConfirmPage(ctx, token));
    return sendHtml(
      reply,
      state === "unknown" ? 404 : 410,
      renderCommenterLinkProblemPage(ctx, state),
    );
  });
  app.post(commenterConfirmPath(), async (request, reply) => {
    const result = await confirmCommenterToken({ store }, tokenOf(request.body));
    const ctx = await loadContext(deps);
    if (result === "confirmed") return sendHtml(reply, 200, renderCommenterConfirmedPage(ctx));
    return sendHtml(
      reply,
      result === "unknown" ? 404 : 410,
      renderCommenterLinkProblemPage(ctx, result),
    );
  });
}
