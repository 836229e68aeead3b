// Reading an import upload: one multipart/form-data request with the export file in `file` and
// the options in plain fields. The file goes straight to disk as it arrives (it may be 2 GB);
// limits are enforced while the bytes arrive, not after.
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { ContentInvalidError, MastheadError, parseOrThrow } from "../../../content/index.js";
import {
  type ImportService,
  MAX_IMPORT_BYTES,
  type SavedUpload,
} from "../../../services/import-runs.js";
import type { ImportRunOptions } from "../../../store/reads.js";

/** The option fields an import takes, besides `file`. */
const FIELD_NAMES = ["dryRun", "asDraft", "overwrite", "fetchMedia"] as const;

/** An import's options: each a checkbox or a boolean, false when left out. */
export const ImportOptionsSchema = z
  .object({
    dryRun: z.boolean().default(false),
    asDraft: z.boolean().default(false),
    overwrite: z.boolean().default(false),
    fetchMedia: z.boolean().default(false),
  })
  .strict();

/** The same options as form fields: "true"/"false" (also "on", "1", "0"…), false when absent. */
const OptionFieldsSchema = z
  .object(Object.fromEntries(FIELD_NAMES.map((n) => [n, z.stringbool().default(false)])))
  .strict();

/**
 * Reads the multipart request, saving the file through `imports` as it arrives. Throws 415 for a
 * request that is not multipart, 413 (MH_TOO_LARGE) past MAX_IMPORT_BYTES, 400
 * (MH_CONTENT_INVALID) naming each bad field; nothing is kept on disk then.
 */
export async function readImportUpload(
  request: FastifyRequest,
  imports: ImportService,
): Promise<{ upload: SavedUpload; options: ImportRunOptions }> {
  if (!request.isMultipart())
    throw new MastheadError(
      "MH_UNSUPPORTED_MEDIA",
      "send the import as multipart/form-data with the export file in the field 'file'",
    );
  const fields: Record<string, string> = {};
  const issues: { path: string; message: string }[] = [];
  let upload: SavedUpload | undefined;
  try {
    const parts = request.parts({
      limits: {
        fileSize: MAX_IMPORT_BYTES,
        files: 1,
        fields: FIELD_NAMES.length + 5,
        fieldSize: 100,
        parts: FIELD_NAMES.length + 6,
      },
    });
    for await (const part of parts) {
      if (part.type === "file") {
        if (part.fieldname !== "file") {
          part.file.resume();
          issues.push({ path: part.fieldname, message: "send the export in the field 'file'" });
          continue;
        }
        upload = await imports.saveUpload(part.file, part.filename);
      } else if (!(FIELD_NAMES as readonly string[]).includes(part.fieldname)) {
        issues.push({
          path: part.fieldname,
          message: `unknown field; an import takes file, ${FIELD_NAMES.join(", ")}`,
        });
      } else if (part.fieldname in fields) {
        issues.push({ path: part.fieldname, message: "sent more than once" });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!upload) issues.push({ path: "file", message: "choose the export file to import" });
    let options: ImportRunOptions | undefined;
    try {
      options = parseOrThrow(OptionFieldsSchema, fields, "import") as unknown as ImportRunOptions;
    } catch (error) {
      if (!(error instanceof ContentInvalidError)) throw error;
      issues.push(...error.issues);
    }
    if (issues.length > 0 || !upload || !options) throw new ContentInvalidError("import", issues);
    return { upload, options };
  } catch (error) {
    if (upload) await imports.discardUpload(upload);
    throw uploadError(error);
  }
}

/** The multipart parser's limit errors as the API's own. */
function uploadError(error: unknown): unknown {
  switch ((error as { code?: string }).code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return new MastheadError(
        "MH_TOO_LARGE",
        `the file is larger than ${MAX_IMPORT_BYTES / 1024 ** 3} GB, the most an import may be`,
      );
    case "FST_FILES_LIMIT":
      return new MastheadError("MH_TOO_LARGE", "send one file per import");
    case "FST_FIELDS_LIMIT":
    case "FST_PARTS_LIMIT":
      return new MastheadError(
        "MH_TOO_LARGE",
        `too many fields; an import takes file, ${FIELD_NAMES.join(", ")}`,
      );
    case "FST_PROTO_VIOLATION":
      return new MastheadError("MH_BAD_REQUEST", "a field name is not allowed");
    case undefined: {
      // Anything else the parser raises is a body it could not read (no boundary, cut short).
      const message = error instanceof Error ? error.message : String(error);
      return new MastheadError(
        "MH_BAD_REQUEST",
        `the multipart body could not be read (${message}); send it as a browser's FormData would`,
      );
    }
    default:
      return error;
  }
}
