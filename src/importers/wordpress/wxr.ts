// Reads a WordPress export (WXR) as a stream of records. The file is read in chunks; each chunk is
// decoded, passed through the CDATA repair for old exports, parsed, and the records it completed
// are yielded before the next chunk is read, so memory holds one chunk and one item whatever the
// file's size. See "WordPress import: reading WXR" in docs/ARCHITECTURE.md.

import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { CdataRepair } from "./cdata-repair.js";
import type { WxrRecord } from "./records.js";
import { WxrError } from "./wxr-error.js";
import { WxrParser, WxrProblem } from "./wxr-parser.js";
import { firstInvalidUtf8, sniffWxrHead } from "./wxr-sniff.js";

export { WxrError, type WxrErrorWhere } from "./wxr-error.js";

/** Options of readWxr. */
export interface ReadWxrOptions {
  /** Called after each chunk with the bytes read so far and the file's size (for a progress bar). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const CHUNK_BYTES = 256 * 1024;
const HEAD_BYTES = 4096;

// Control characters other than tab, line feed and carriage return are not allowed in XML, yet
// WordPress sites hold them (pasted from word processors) and exports carry them. WordPress's
// importer replaces them with a space before parsing (XML_Character_Filter); so does this reader.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above; testing first spares a copy.
const HAS_CONTROL_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

/**
 * Reads a WXR file as a stream of records in file order, in bounded memory.
 *
 * @example
 * for await (const record of readWxr("export.xml")) if (record.kind === "item") console.log(record.title);
 */
export async function* readWxr(file: string, opts: ReadWxrOptions = {}): AsyncGenerator<WxrRecord> {
  const name = basename(file);
  const totalBytes = await sizeOf(file, name);
  const sniff = sniffWxrHead(await readHead(file));
  if ("refuse" in sniff) {
    throw new WxrError(
      name,
      sniff.refuse,
      sniff.byteOffset === undefined ? {} : { byteOffset: sniff.byteOffset },
    );
  }
  const decoder = new TextDecoder(sniff.encoding, { fatal: true });
  const repair = new CdataRepair();
  const parser = new WxrParser();
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let bytesRead = 0;

  // Parses a piece of text; records completed before a problem are still handed out first.
  function* parse(text: string, end: boolean): Generator<WxrRecord> {
    let problem: WxrProblem | undefined;
    try {
      parser.write(HAS_CONTROL_CHARACTER.test(text) ? text.replace(CONTROL_CHARACTERS, " ") : text);
      if (end) parser.close();
    } catch (error) {
      if (!(error instanceof WxrProblem)) throw error;
      problem = error;
    }
    yield* parser.records.splice(0);
    if (problem) throw new WxrError(name, problem.reason, problem.where);
  }

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notUtf8(name, chunk, bytesRead, parser);
      }
      bytesRead += chunk.length;
      yield* parse(repair.push(text), false);
      opts.onProgress?.(bytesRead, totalBytes);
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new WxrError(
        name,
        "the file ends in the middle of a UTF-8 character: it looks truncated; export it again from WordPress",
        { byteOffset: bytesRead },
      );
    }
    yield* parse(repair.push(rest) + repair.end(), true);
  } finally {
    stream.destroy();
  }
}

async function sizeOf(file: string, name: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new WxrError(name, "this is not a file (a directory?)");
    return info.size;
  } catch (error) {
    if (error instanceof WxrError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new WxrError(
      name,
      code === "ENOENT"
        ? `there is no file at ${file}; check the path`
        : `the file cannot be opened (${code ?? String(error)})`,
    );
  }
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The refusal of bytes that are not UTF-8, naming the first bad byte's offset in the file. */
function notUtf8(name: string, chunk: Buffer, chunkStart: number, parser: WxrParser): WxrError {
  // A sequence cut by the previous chunk's end shows as continuation bytes at this one's start.
  let from = 0;
  while (from < 3 && from < chunk.length && (chunk[from]! & 0xc0) === 0x80) from++;
  const index = firstInvalidUtf8(chunk, from);
  const offset = chunkStart + Math.max(index, 0);
  const byte = chunk[Math.max(index, 0)] ?? 0;
  const { itemId, itemTitle } = parser.where();
  return new WxrError(
    name,
    `the file is not UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} cannot start or continue a UTF-8 character; convert it first (e.g. iconv -f ISO-8859-1 -t UTF-8 FILE.xml > FILE-utf8.xml, with the encoding the site used) and set encoding="UTF-8" in its XML declaration`,
    { byteOffset: offset, itemId, itemTitle },
  );
}
