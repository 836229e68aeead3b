// Sound and video copied without metadata, for each container the library takes: the tags are
// gone, the file is still what it was (the same type by its bytes, the same length), and the
// refusals say what went wrong without naming the server's folders.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { remuxWithoutMetadata, sniffFile } from "../../src/media/index.js";
import { CLIP_TAGS, clipWithLocation, type Probed, probeBytes } from "../fixtures/media-files.js";
import { rejectionOf } from "../helpers/errors.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mh-av-remux-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1:sample_rate=48000"];
const TAGS = ["-metadata", "artist=Source", "-metadata", "location=+48.8584+002.2945/"];

/** A one-second tone in `file`, encoded by ffmpeg with `codec` and tagged. */
async function tone(file: string, args: string[]): Promise<string> {
  const out = path.join(dir, file);
  await promisify(execFile)("ffmpeg", ["-v", "error", "-y", ...TONE, ...args, ...TAGS, out]);
  return out;
}

/** Every tag name ffprobe reads, the container's and each stream's (Ogg keeps them per stream). */
const tagsOf = (probed: Probed) => [
  ...Object.keys(probed.formatTags),
  ...probed.streams.flatMap((s) => Object.keys(s.tags ?? {})),
];

/** Remuxes `input` as the sniffer recognises it, and returns the clean bytes and duration. */
async function remux(input: string) {
  const what = sniffFile(await readFile(input));
  if (!what || what.kind === "document" || what.kind === "captions")
    throw new Error(`${input} is not sound or video`);
  const output = `${input}.clean`;
  const { durationMs } = await remuxWithoutMetadata(input, output, what);
  return { what, durationMs, bytes: await readFile(output) };
}

describe("remuxWithoutMetadata", () => {
  it.each([
    ["M4A (AAC)", "a.m4a", ["-c:a", "aac", "-b:a", "32k"]],
    ["MP3", "a.mp3", ["-c:a", "libmp3lame", "-b:a", "32k"]],
    ["Ogg Opus", "a.ogg", ["-c:a", "libopus", "-b:a", "16k"]],
    ["WAV", "a.wav", []],
    // ADTS has nowhere to keep tags; it must still come through whole.
    ["raw AAC (ADTS)", "a.aac", ["-c:a", "aac", "-b:a", "32k", "-f", "adts"]],
  ])("drops the tags of %s and keeps it the same kind of file", async (_what, name, args) => {
    const input = await tone(name, args);
    const before = tagsOf(await probeBytes(await readFile(input)));
    if (!name.endsWith(".aac")) expect(before).toContain("artist");
    const { what, durationMs, bytes } = await remux(input);
    const after = tagsOf(await probeBytes(bytes));
    for (const tag of ["artist", "location", "encoder"]) expect(after).not.toContain(tag);
    expect(sniffFile(bytes)).toEqual(what);
    // MP3 and ADTS lengths are estimated from frames: within a tenth of a second.
    expect(Math.abs((durationMs ?? 0) - 1000)).toBeLessThan(100);
  });

  it("drops a video's tags, moves its index to the front and keeps both streams", async () => {
    const input = path.join(dir, "clip.mp4");
    await writeFile(input, await clipWithLocation());
    const { durationMs, bytes } = await remux(input);
    const probed = await probeBytes(bytes);
    for (const tag of CLIP_TAGS) expect(tagsOf(probed)).not.toContain(tag);
    expect(probed.streams.map((s) => s.codec_type).sort()).toEqual(["audio", "video"]);
    expect(probed.boxes.slice(0, 2)).toEqual(["ftyp", "moov"]);
    expect(durationMs).toBe(2000);
  });

  it("keeps a WebM a WebM, without its tags", async () => {
    const input = path.join(dir, "clip.webm");
    await promisify(execFile)("ffmpeg", [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=32x32:rate=5:duration=1",
      "-c:v",
      "libvpx-vp9",
      ...TAGS,
      input,
    ]);
    const { what, durationMs, bytes } = await remux(input);
    expect(what.mimeType).toBe("video/webm");
    expect(sniffFile(bytes)?.mimeType).toBe("video/webm");
    expect(tagsOf(await probeBytes(bytes))).not.toContain("artist");
    expect(durationMs).toBe(1000);
  });

  it("refuses bytes ffmpeg cannot read with MH_UNSUPPORTED_MEDIA and ffmpeg's reason", async () => {
    const input = path.join(dir, "text.mp3");
    await writeFile(input, Buffer.from(`ID3${"\0".repeat(7)}and then only text`, "latin1"));
    const error = await rejectionOf(
      remuxWithoutMetadata(input, `${input}.clean`, {
        mimeType: "audio/mpeg",
        extension: "mp3",
        kind: "audio",
      }),
    );
    expect(error).toMatchObject({ code: "MH_UNSUPPORTED_MEDIA" });
    expect((error as Error).message).toMatch(/^the file begins like an MP3 file but ffmpeg/);
    expect((error as Error).message).not.toContain(dir);
  });

  it("names the package when ffmpeg is not installed", async () => {
    const input = path.join(dir, "missing.wav");
    await writeFile(input, Buffer.alloc(0));
    vi.stubEnv("PATH", path.join(dir, "no-such-bin"));
    try {
      const error = await rejectionOf(
        remuxWithoutMetadata(input, `${input}.clean`, {
          mimeType: "audio/wav",
          extension: "wav",
          kind: "audio",
        }),
      );
      expect(error).toMatchObject({ code: "MH_IMAGE_FAILED" });
      expect((error as Error).message).toContain("ffmpeg is missing (install Debian's ffmpeg)");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
