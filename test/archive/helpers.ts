// Reading an archive's members in tests, and a fresh data directory per restore.
import { readFile } from "node:fs/promises";
import tar from "tar-stream";

/** Every member of the tar at `file`, by name, in order. */
export async function readMembers(file: string): Promise<Map<string, Buffer>> {
  const extract = tar.extract();
  const members = new Map<string, Buffer>();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      members.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  extract.end(await readFile(file));
  await done;
  return members;
}

/** Writes `members` (in order) as a tar file's bytes. */
export async function writeMembers(members: Iterable<[string, Buffer]>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const [name, data] of members)
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name, size: data.length }, data, (e) => (e ? reject(e) : resolve())),
    );
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}
