// Copies of Ghost's content/images for the import tests, made on the spot: no binaries committed.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

/** Writes a small image (JPEG, or PNG by its name) at each of `files` under `dir`. */
export async function makeGhostImages(dir: string, files: readonly string[]): Promise<void> {
  for (const [i, file] of files.entries()) {
    await mkdir(path.join(dir, path.dirname(file)), { recursive: true });
    const image = sharp({
      create: {
        width: 640,
        height: 400,
        channels: 3,
        background: `#${(0x205080 + i * 0x101010).toString(16)}`,
      },
    });
    await (file.endsWith(".png") ? image.png() : image.jpeg()).toFile(path.join(dir, file));
  }
}
