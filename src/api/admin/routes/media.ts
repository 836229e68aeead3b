// The media library endpoints: upload (multipart), list, read with usage, edit credit, alt
// text and description, delete. See docs/ADMIN_API.md, "Media".

import { z } from "zod";
import { type Actor, actorCan } from "../../../auth/actor.js";
import {
  creditIsIncomplete,
  getLicense,
  IdSchema,
  MEDIA_KINDS,
  MIME_TYPES_OF_KIND,
  mediaKindOf,
  NotFoundError,
  textField,
} from "../../../content/index.js";
import { mediaPath } from "../../../content/public-paths.js";
import { withStaging } from "../../../media/index.js";
import {
  type DeletedMedia,
  deleteMediaItem,
  editMediaDetails,
  uploadMedia,
} from "../../../services/media-library.js";
import {
  getMediaRecord,
  listMedia,
  MediaInUseError,
  type MediaRecord,
  type MediaUsage,
  mediaUsage,
  type Store,
} from "../../../store/reads.js";
import { type AdminRoute, route } from "../route.js";
import { UPLOAD_WINDOW_MS, UPLOADS_PER_WINDOW, uploadRateLimited } from "../upload-limits.js";
import { versionClaimed } from "../version.js";
import { AltSchema, DescriptionSchema, readUpload } from "./media-upload.js";

const IdParams = z.object({ id: IdSchema }).strict();

const ListQuery = z
  .object({
    q: textField().max(200).optional(),
    /** Only media of this kind (image, audio, video, document, captions). */
    kind: z.enum(MEDIA_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/**
 * An edit: alt text, description and credit fields; `version` (or If-Match) is the version the
 * client read.
 */
const PatchBody = z
  .object({
    version: z.number().int().positive().optional(),
    alt: AltSchema.optional(),
    description: DescriptionSchema.optional(),
    credit: z
      .object({
        creator: textField().optional(),
        sourceName: textField().optional(),
        sourceUrl: textField().nullable().optional(),
        license: textField().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The warning the editor shows next to an image whose license asks for a credit it lacks. */
export function creditWarningOf(record: MediaRecord): string | null {
  if (!creditIsIncomplete(record.credit)) return null;
  return `${getLicense(record.credit.license).label} requires attribution: add the creator or the source before publishing`;
}

/**
 * A media record as the API sends it. `alt` is the default alt text the editor pre-fills when
 * the image is inserted; `url` is what to display (the widest rendition in the source's format,
 * never the original upload, which may carry EXIF).
 */
export function mediaJson(record: MediaRecord) {
  const fallback = [...record.variants]
    .reverse()
    .find((v) => v.format !== "avif" && v.format !== "webp");
  const display = fallback ?? record.variants.at(-1);
  return {
    id: record.id,
    url: mediaPath(display ? display.storageKey : record.storageKey),
    storageKey: record.storageKey,
    mimeType: record.mimeType,
    kind: mediaKindOf(record.mimeType),
    /**
     * The file itself, for what is served as uploaded (sound, video, PDF, captions); null for
     * images, whose original is never served.
     */
    fileUrl: mediaKindOf(record.mimeType) === "image" ? null : mediaPath(record.storageKey),
    width: record.width,
    height: record.height,
    /** How long a sound or video file plays, in milliseconds; null for other kinds. */
    durationMs: record.durationMs ?? null,
    alt: record.alt,
    description: record.description,
    credit: record.credit,
    creditWarning: creditWarningOf(record),
    version: record.version,
    uploadedBy: record.uploadedBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    variants: record.variants.map((v) => ({ ...v, url: mediaPath(v.storageKey) })),
  };
}

async function mustGet(store: Store, id: string): Promise<MediaRecord> {
  const record = await getMediaRecord(store, id);
  if (!record) throw new NotFoundError("media item", id);
  return record;
}

/** The media library's endpoints, for the admin API's ROUTES. */
export const MEDIA_ROUTES = [
  route({
    method: "POST",
    url: "/media",
    permission: "media.upload",
    does: "upload media",
    multipart: true,
    rateLimit: {
      max: UPLOADS_PER_WINDOW,
      timeWindow: UPLOAD_WINDOW_MS,
      hook: "preHandler",
      keyGenerator: (request) => `upload:${request.actor?.userId ?? request.ip}`,
      errorResponseBuilder: (_request, context) => uploadRateLimited(context.after),
    },
    async handler({ request, reply, actor, deps: { store, config, images, uploadSlots } }) {
      // A refusal's Retry-After (uploads busy, too many at once) comes from the error handler.
      const record = await uploadSlots.run(actor.userId, () =>
        withStaging(config.dataDir, async (staging) => {
          const { file, details } = await readUpload(request, staging);
          return uploadMedia({ store, process: images.process }, actor, { staging, file, details });
        }),
      );
      reply.status(201);
      return { media: mediaJson(record) };
    },
  }),

  route({
    method: "GET",
    url: "/media",
    permission: "signed-in",
    does: "browse the media library",
    query: ListQuery,
    async handler({ query, deps: { store } }) {
      const { kind, ...page } = query;
      const mimeTypes = kind ? MIME_TYPES_OF_KIND[kind] : undefined;
      const { items, total } = await listMedia(store, { ...page, mimeTypes });
      return { items: items.map(mediaJson), total, limit: query.limit, offset: query.offset };
    },
  }),

  route({
    method: "GET",
    url: "/media/:id",
    permission: "signed-in",
    does: "see media",
    params: IdParams,
    async handler({ actor, params, deps: { store } }) {
      const record = await mustGet(store, params.id);
      const usage = visibleUsage(actor, await mediaUsage(store, record.id));
      return { media: { ...mediaJson(record), usage } };
    },
  }),

  route({
    method: "PATCH",
    url: "/media/:id",
    // Uploaders may fix their own image's details; editors and owners anyone's.
    permission: "media.upload",
    does: "edit media details",
    params: IdParams,
    body: PatchBody,
    async handler({ request, actor, params, body, deps: { store } }) {
      const { saved, usage } = await editMediaDetails(
        { store },
        actor,
        params.id,
        { alt: body.alt, description: body.description, credit: body.credit },
        versionClaimed(request, body),
      );
      return { media: { ...mediaJson(saved), usage: visibleUsage(actor, usage) } };
    },
  }),

  route({
    method: "DELETE",
    url: "/media/:id",
    permission: "media.delete",
    does: "delete media",
    params: IdParams,
    async handler({ request, reply, actor, params, deps: { store, config } }) {
      let deleted: DeletedMedia;
      try {
        deleted = await deleteMediaItem({ store, dataDir: config.dataDir }, actor, params.id);
      } catch (error) {
        if (!(error instanceof MediaInUseError)) throw error;
        return reply.status(409).send({ error: inUseBody(actor, error) });
      }
      if (deleted.filesLeft.length > 0)
        request.log.warn(
          { files: deleted.filesLeft },
          "deleted media item left files that could not be removed",
        );
      return reply.status(204).send();
    },
  }),
] as AdminRoute<never, never, never>[];

/**
 * Where an image is used, as the actor may see it: an API key without
 * `article.read.unpublished` is told of published articles only.
 */
function visibleUsage(actor: Actor, usage: MediaUsage): MediaUsage {
  if (actorCan(actor, "article.read.unpublished")) return usage;
  return { ...usage, articles: usage.articles.filter((a) => a.status === "published") };
}

function inUseBody(
  actor: Actor,
  error: MediaInUseError,
): { code: string; message: string; usage: MediaUsage } {
  const usage = visibleUsage(actor, error.usage);
  const hidden = error.usage.articles.length - usage.articles.length;
  // The store's message names every headline; one the actor may not see is only counted.
  const message =
    hidden === 0
      ? error.message
      : `this image is still used by ${error.usage.articles.length + error.usage.people.length} articles or people, ${hidden} of them unpublished articles; remove it from them first`;
  return { code: error.code, message, usage };
}
