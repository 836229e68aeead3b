// Building media upload requests and looking at what they left on disk and in the database.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Store } from "../../../src/store/index.js";

export const API = "/api/admin/v1";

/** A file part of an upload. */
export interface FilePart {
  name?: string;
  type?: string;
  data: Uint8Array;
  /** The form field; `file` unless a test sends it elsewhere. */
  field?: string;
}

/**
 * A multipart/form-data body as a browser would send it (built by the platform's FormData), with
 * its Content-Type header carrying the boundary.
 */
export async function multipart(
  fields: Record<string, string>,
  file?: FilePart,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append(
      file.field ?? "file",
      new Blob([new Uint8Array(file.data)], { type: file.type ?? "application/octet-stream" }),
      file.name ?? "upload.bin",
    );
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { "content-type": encoded.headers.get("content-type") as string },
  };
}

/** A complete, valid description of an upload. */
export const CREDITED = {
  alt: "Protesters outside the national palace",
  creator: "Jo Photographer",
  sourceName: "Flickr",
  sourceUrl: "https://www.flickr.com/photos/example/1",
  license: "cc-by-sa-2.0",
};

/** Every file under the data dir's media and staging folders, for "nothing was written" checks. */
export async function filesOnDisk(dataDir: string): Promise<string[]> {
  const list = async (dir: string) =>
    (await readdir(path.join(dataDir, dir), { recursive: true }).catch(() => [])).map(
      (f) => `${dir}/${f}`,
    );
  return [...(await list("media")), ...(await list("media-staging"))].sort();
}

/** Rows in the media tables. */
export async function mediaRows(store: Store): Promise<{ media: number; variants: number }> {
  const [media, variants] = await Promise.all([
    store.db.selectFrom("media").select("id").execute(),
    store.db.selectFrom("media_variants").select("media_id").execute(),
  ]);
  return { media: media.length, variants: variants.length };
}
