// Imports and the export, for owners. See docs/ADMIN_API.md, "Import and export".
import { z } from "zod";
import { type Actor, actorCan } from "../../../auth/actor.js";
import { forbidden, IdSchema } from "../../../content/index.js";
import { exportDownload } from "../../../services/site-export.js";
import { type AdminRoute, route } from "../route.js";
import { ImportOptionsSchema, readImportUpload } from "./import-upload.js";

const IdParams = z.object({ id: IdSchema }).strict();

/**
 * Refuses an actor who may not see unpublished articles: import reports name the drafts an
 * import made, and the export holds every draft.
 */
function requireSeesDrafts(actor: Actor, what: string): void {
  if (!actorCan(actor, "article.read.unpublished"))
    throw forbidden(
      `${what}: it shows unpublished articles (an API key needs the article.read.unpublished permission too)`,
    );
}

/** The import and export endpoints, for the admin API's ROUTES. */
export const IMPORT_ROUTES = [
  route({
    method: "POST",
    url: "/imports",
    permission: "site.import",
    does: "import content",
    multipart: true,
    async handler({ request, reply, actor, deps: { imports } }) {
      // Refused before a large file is read, and again atomically when the run is recorded.
      await imports.ensureIdle();
      const { upload, options } = await readImportUpload(request, imports);
      const run = await imports.start(upload, options, actor);
      reply.status(202);
      return { run };
    },
  }),

  route({
    method: "POST",
    url: "/imports/:id/rerun",
    permission: "site.import",
    does: "import content",
    params: IdParams,
    body: ImportOptionsSchema,
    async handler({ params, body, reply, actor, deps: { imports } }) {
      const run = await imports.rerun(params.id, body, actor);
      reply.status(202);
      return { run };
    },
  }),

  route({
    method: "GET",
    url: "/imports",
    permission: "site.import",
    does: "see imports",
    async handler({ actor, deps: { imports } }) {
      return { items: await imports.list(actor) };
    },
  }),

  route({
    method: "GET",
    url: "/imports/:id",
    permission: "site.import",
    does: "see imports",
    params: IdParams,
    async handler({ actor, params, deps: { imports } }) {
      return { run: await imports.get(actor, params.id) };
    },
  }),

  route({
    method: "GET",
    url: "/export",
    permission: "site.export",
    does: "export the publication",
    async handler({ request, reply, actor, deps: { store, config } }) {
      // The archive holds every draft: a key needs both rights, not the export's alone.
      requireSeesDrafts(actor, "download the export");
      const download = await exportDownload(store, config.dataDir, (error) =>
        request.log.error({ err: error }, "export failed while streaming"),
      );
      return reply
        .header("content-type", "application/x-tar")
        .header("content-disposition", `attachment; filename="${download.fileName}"`)
        .header("cache-control", "no-store")
        .send(download.stream);
    },
  }),
] as AdminRoute<never, never, never>[];
