import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeMediaFiles, saveMediaFiles } from "../../src/media/index.js";
import { rejectionOf } from "../helpers/errors.js";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "mh-media-files-"));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const files = [
  { key: "a.jpg", data: Buffer.from("original") },
  { key: "b-480.webp", data: Buffer.from("rendition") },
];
/** Every file under the data directory, as relative paths. */
const everything = async () => (await readdir(dataDir, { recursive: true })).sort();

describe("saveMediaFiles", () => {
  it("publishes every file into the media folder when recording succeeds", async () => {
    const result = await saveMediaFiles(dataDir, files, async (publish) => {
      await publish();
      return "recorded";
    });
    expect(result).toBe("recorded");
    expect(await readFile(path.join(dataDir, "media", "a.jpg"), "utf8")).toBe("original");
    expect(await everything()).toEqual([
      "media",
      "media-staging",
      "media/a.jpg",
      "media/b-480.webp",
    ]);
  });

  it("leaves no file behind when recording fails after publishing", async () => {
    const error = await rejectionOf(
      saveMediaFiles(dataDir, files, async (publish) => {
        await publish();
        throw new Error("the database said no");
      }),
    );
    expect(error.message).toBe("the database said no");
    expect(await everything()).toEqual(["media", "media-staging"]);
  });

  it("leaves no file behind when recording fails before publishing", async () => {
    await rejectionOf(
      saveMediaFiles(dataDir, files, async () => {
        throw new Error("invalid");
      }),
    );
    expect(await everything()).toEqual(["media", "media-staging"]);
  });
});

describe("removeMediaFiles", () => {
  it("removes files, and a file already gone is no error", async () => {
    await saveMediaFiles(dataDir, files, (publish) => publish());
    expect(await removeMediaFiles(dataDir, ["a.jpg", "b-480.webp", "missing.png"])).toEqual([]);
    expect(await readdir(path.join(dataDir, "media"))).toEqual([]);
  });
});
