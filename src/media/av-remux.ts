// Sound and video uploads without their metadata: ffmpeg copies the sound and picture streams
// into a fresh file of the same container (no re-encoding: same quality, seconds even for the
// largest video), leaving out every tag (a phone video's GPS position, its device, the names
// of its author or owner), chapters, cover pictures and data tracks (an iPhone's location
// track). ffprobe then reads the clean file's duration. Both come from Debian's ffmpeg package
// (installed by .ci/run, named in README.md); they are run with execFile, never through a shell.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { MediaError } from "../content/index.js";
import { AV_PROBE_TIMEOUT_MS, AV_REMUX_TIMEOUT_MS } from "./limits.js";
import type { SniffedFile } from "./sniff-file.js";

const run = promisify(execFile);

/** ffmpeg's demuxer for reading, muxer for writing and muxer options, by stored extension. */
interface Container {
  demuxer: string;
  muxer: string;
  options: readonly string[];
  /** What the file is called in messages ("an MP4"). */
  name: string;
}

// The demuxer is named rather than guessed: ffmpeg probing a file could otherwise take a
// crafted one for a playlist (HLS, concat) and read other files or addresses. The muxer is the
// same container, so the stored type and extension stay true.
const CONTAINERS: Readonly<Record<string, Container>> = {
  // The index (moov) goes before the data, so a player starts and seeks before the whole file
  // has arrived.
  mp4: { demuxer: "mov", muxer: "mp4", options: ["-movflags", "+faststart"], name: "an MP4" },
  m4a: { demuxer: "mov", muxer: "ipod", options: ["-movflags", "+faststart"], name: "an M4A" },
  webm: { demuxer: "matroska", muxer: "webm", options: [], name: "a WebM" },
  mp3: { demuxer: "mp3", muxer: "mp3", options: [], name: "an MP3" },
  aac: { demuxer: "aac", muxer: "adts", options: [], name: "an AAC" },
  ogg: { demuxer: "ogg", muxer: "ogg", options: [], name: "an Ogg" },
  wav: { demuxer: "wav", muxer: "wav", options: [], name: "a WAV" },
};

/** What a remux made: the clean file's duration in milliseconds, when ffprobe could tell it. */
export interface RemuxedFile {
  durationMs?: number;
}

/**
 * Writes `input` (a sound or video file recognised as `what`) to `output` without metadata and
 * returns its duration. Throws MediaError 415 (MH_UNSUPPORTED_MEDIA) when ffmpeg cannot read the
 * file or it holds no sound or picture, and MH_IMAGE_FAILED (422) naming the package when ffmpeg
 * is not installed or the work takes longer than AV_REMUX_TIMEOUT_MS; the caller stores nothing.
 * @example const { durationMs } = await remuxWithoutMetadata(upload, staging.path("clean"), what);
 */
export async function remuxWithoutMetadata(
  input: string,
  output: string,
  what: SniffedFile,
): Promise<RemuxedFile> {
  const container = CONTAINERS[what.extension];
  if (!container || (what.kind !== "audio" && what.kind !== "video"))
    throw new Error(`remuxWithoutMetadata: not a sound or video file (${what.mimeType})`);
  await tool(container, "ffmpeg", AV_REMUX_TIMEOUT_MS, [
    "-nostdin",
    "-hide_banner",
    "-v",
    "error",
    "-protocol_whitelist",
    "file",
    "-f",
    container.demuxer,
    "-i",
    `file:${input}`,
    // Picture streams that are not attached pictures (cover art can carry its own EXIF), and
    // sound; subtitles, data tracks and attachments are left out.
    "-map",
    "0:V?",
    "-map",
    "0:a?",
    "-map_metadata",
    "-1",
    "-map_chapters",
    "-1",
    "-c",
    "copy",
    // No encoder version, random ids or creation time of its own in the output.
    "-fflags",
    "+bitexact",
    ...container.options,
    "-f",
    container.muxer,
    "-y",
    `file:${output}`,
  ]);
  return { durationMs: await probeDurationMs(output, container) };
}

/** The duration of a file ffmpeg just wrote, in whole milliseconds, or undefined if unknown. */
async function probeDurationMs(file: string, container: Container): Promise<number | undefined> {
  const stdout = await tool(container, "ffprobe", AV_PROBE_TIMEOUT_MS, [
    "-hide_banner",
    "-v",
    "error",
    "-protocol_whitelist",
    "file",
    "-f",
    container.demuxer,
    "-show_entries",
    "format=duration",
    "-of",
    "json",
    `file:${file}`,
  ]);
  const parsed = JSON.parse(stdout) as { format?: { duration?: string } };
  const seconds = Number(parsed.format?.duration);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

/** Runs ffmpeg or ffprobe and returns its standard output; failures become MediaErrors. */
async function tool(
  container: Container,
  command: "ffmpeg" | "ffprobe",
  timeout: number,
  args: string[],
): Promise<string> {
  try {
    const { stdout } = await run(command, args, {
      timeout,
      killSignal: "SIGKILL",
      maxBuffer: 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { killed?: boolean; stderr?: string };
    if (e.code === "ENOENT")
      throw new MediaError(
        "MH_IMAGE_FAILED",
        `the server cannot take sound or video files: ${command} is missing (install Debian's ffmpeg); nothing was stored`,
      );
    if (e.killed)
      throw new MediaError(
        "MH_IMAGE_FAILED",
        `reading ${container.name} file took longer than ${timeout / 1000} s; nothing was stored`,
      );
    // ffmpeg names the file by its path in the staging folder, which is no business of the
    // client's: each `file:<path>` argument is replaced by "file".
    let detail = (e.stderr ?? "").split("\n").find((line) => line.trim() !== "") ?? "";
    for (const arg of args) if (arg.startsWith("file:")) detail = detail.replaceAll(arg, "file");
    // "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55e2…] moov atom not found": the reason without the address.
    detail = detail.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, "");
    throw new MediaError(
      "MH_UNSUPPORTED_MEDIA",
      `the file begins like ${container.name} file but ffmpeg could not read it${detail ? ` (${detail.trim().slice(0, 200)})` : ""}; nothing was stored`,
    );
  }
}
