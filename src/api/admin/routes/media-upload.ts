// Reading a media upload: one multipart/form-data request with the image in `file` and its
// alt text, description and credit in plain fields. Limits are enforced while the bytes arrive, not after.
import { createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  ContentInvalidError,
  CreditSchema,
  fileTooLarge,
  MAX_MEDIA_DESCRIPTION,
  MastheadError,
  MediaError,
  parseOrThrow,
  proseField,
  textField,
} from "../../../content/index.js";
import {
  MAX_ANY_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_BYTES_OF_KIND,
  SNIFF_BYTES,
  type Staging,
  sniffFile,
  sniffFormat,
} from "../../../media/index.js";

/** The text fields an upload may carry, besides `file`. */
const FIELD_NAMES = [
  "alt",
  "description",
  "creator",
  "sourceName",
  "sourceUrl",
  "license",
] as const;
/**
 * Longest text field accepted, in bytes: room for the longest description in any script (UTF-8
 * takes up to 4 bytes a character), so a too-long one is refused by the schema with its limit
 * in characters. Alt text and credits are far shorter.
 */
const MAX_FIELD_BYTES = MAX_MEDIA_DESCRIPTION * 4;

/** Alt text: required to upload (it is the default when the image is inserted in an article). */
export const AltSchema = textField()
  .trim()
  .min(1, "alt text is required: describe what the image shows for readers who cannot see it")
  .max(500);

/** A media item's description as the API takes it: may be empty, at most the library's limit. */
export const DescriptionSchema = proseField().trim().max(MAX_MEDIA_DESCRIPTION);

/** An upload's details, in the shape of the media record (so issues name `credit.license`). */
const UploadDetailsSchema = z
  .object({ alt: AltSchema, description: DescriptionSchema, credit: CreditSchema })
  .strict();
/**
 * A sound, video, PDF or captions file's details: its "alt" is an optional description for the
 * library (blocks carry their own title), so only images must have one.
 */
const FileDetailsSchema = UploadDetailsSchema.extend({ alt: textField().trim().max(500) });
export type UploadDetails = z.output<typeof UploadDetailsSchema>;

/** A read upload: where its file is and its checked details. */
export interface Upload {
  /** The uploaded file, written into the staging folder as it arrived. */
  file: string;
  details: UploadDetails;
}

/**
 * Reads the multipart request: at most one file (field `file`, up to MAX_UPLOAD_BYTES), streamed
 * to `staging` as it arrives (the file never sits in memory), and the known text fields. Throws
 * 415 for a request that is not multipart, 413 (MH_TOO_LARGE) as soon as the file passes the
 * limit, 400 (MH_CONTENT_INVALID) naming each bad or unknown field. What was written stays in
 * `staging`, which its owner removes.
 */
export async function readUpload(request: FastifyRequest, staging: Staging): Promise<Upload> {
  if (!request.isMultipart())
    throw new MastheadError(
      "MH_UNSUPPORTED_MEDIA",
      "send the upload as multipart/form-data with the image in the field 'file'",
    );
  const fields = new Map<string, string>();
  const issues: { path: string; message: string }[] = [];
  let file: string | undefined;
  let isImage = true;
  try {
    const parts = request.parts({
      limits: {
        fileSize: MAX_ANY_UPLOAD_BYTES,
        files: 1,
        // Room for a few unknown fields, so they are named in a 400 rather than cut off.
        fields: FIELD_NAMES.length + 5,
        fieldSize: MAX_FIELD_BYTES,
        parts: FIELD_NAMES.length + 6,
      },
    });
    for await (const part of parts) {
      if (part.type === "file") {
        if (part.fieldname !== "file") {
          part.file.resume();
          issues.push({ path: part.fieldname, message: "send the image in the field 'file'" });
          continue;
        }
        file = staging.path("upload");
        // The parser stops the stream at the largest limit and raises FST_REQ_FILE_TOO_LARGE
        // from the loop; `limiter` stops it at its kind's; the partial file goes with the
        // staging folder.
        const limiter = kindLimiter();
        try {
          await pipeline(part.file, limiter, createWriteStream(file));
        } catch (error) {
          if (part.file.truncated) throw fileTooLarge(MAX_ANY_UPLOAD_BYTES);
          throw error;
        }
        if (part.file.truncated) throw fileTooLarge(MAX_ANY_UPLOAD_BYTES);
        isImage = limiter.isImage();
      } else if (!(FIELD_NAMES as readonly string[]).includes(part.fieldname)) {
        issues.push({
          path: part.fieldname,
          message: `unknown field; an upload takes file, ${FIELD_NAMES.join(", ")}`,
        });
      } else if (part.valueTruncated) {
        issues.push({ path: part.fieldname, message: `longer than ${MAX_FIELD_BYTES} bytes` });
      } else if (fields.has(part.fieldname)) {
        issues.push({ path: part.fieldname, message: "sent more than once" });
      } else {
        fields.set(part.fieldname, String(part.value));
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (!file) issues.push({ path: "file", message: "choose an image file to upload" });
  const details = parseDetails(fields, issues, isImage);
  if (issues.length > 0 || !file || !details) throw new ContentInvalidError("upload", issues);
  return { file, details };
}

/** Checks the text fields, adding their issues to `issues`; undefined when any is bad. */
function parseDetails(
  fields: Map<string, string>,
  issues: { path: string; message: string }[],
  isImage: boolean,
): UploadDetails | undefined {
  // Forms send empty strings for fields left blank: an empty source URL means none.
  const given = (name: string) => fields.get(name)?.trim() || undefined;
  try {
    return parseOrThrow(
      isImage ? UploadDetailsSchema : FileDetailsSchema,
      {
        alt: fields.get("alt") ?? "",
        description: fields.get("description") ?? "",
        credit: {
          creator: given("creator"),
          sourceName: given("sourceName"),
          sourceUrl: given("sourceUrl"),
          license: given("license") ?? "",
        },
      },
      "upload",
    );
  } catch (error) {
    if (!(error instanceof ContentInvalidError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/**
 * Passes the upload through, reading its kind from the first bytes (images are the default
 * until they are known) and failing with 413 as soon as it passes that kind's limit
 * (MAX_UPLOAD_BYTES_OF_KIND), so a 300 MB "image" is stopped at 20 MB, not written whole.
 */
function kindLimiter() {
  let seen = 0;
  let head: Buffer[] = [];
  let limit: number | undefined;
  let image = true;
  const decide = (bytes: Buffer) => {
    image = sniffFormat(bytes) !== undefined;
    // Bytes of no accepted kind get the image limit; the service refuses them with 415.
    const file = image ? undefined : sniffFile(bytes);
    limit = MAX_UPLOAD_BYTES_OF_KIND[file?.kind ?? "image"];
    head = [];
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (limit === undefined) {
        head.push(chunk);
        if (seen >= SNIFF_BYTES) decide(Buffer.concat(head));
      }
      if (seen > (limit ?? MAX_UPLOAD_BYTES)) done(fileTooLarge(limit ?? MAX_UPLOAD_BYTES));
      else done(null, chunk);
    },
    flush(done) {
      if (limit === undefined) decide(Buffer.concat(head));
      done();
    },
  });
  return Object.assign(stream, { isImage: () => image });
}

/** The multipart parser's limit errors as the API's own. */
function uploadError(error: unknown): unknown {
  if (error instanceof MediaError) return error;
  switch ((error as { code?: string }).code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return fileTooLarge(MAX_UPLOAD_BYTES);
    case "FST_FILES_LIMIT":
      return new MastheadError("MH_TOO_LARGE", "send one file per upload");
    case "FST_FIELDS_LIMIT":
    case "FST_PARTS_LIMIT":
      return new MastheadError(
        "MH_TOO_LARGE",
        `too many fields; an upload takes file, ${FIELD_NAMES.join(", ")}`,
      );
    case "FST_PROTO_VIOLATION":
      return new MastheadError("MH_BAD_REQUEST", "a field name is not allowed");
    default: {
      // Anything else the parser raises is a body it could not read (no boundary, cut short).
      const message = error instanceof Error ? error.message : String(error);
      return new MastheadError(
        "MH_BAD_REQUEST",
        `the multipart body could not be read (${message}); send it as a browser's FormData would`,
      );
    }
  }
}
