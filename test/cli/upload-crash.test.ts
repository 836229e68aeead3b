// A real `masthead serve` killed with SIGKILL in the middle of an upload, then started again:
// nothing the upload wrote is left on disk or reachable under /media, and the start-up sweep
// never removes a file a record points to. On each database.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password.js";
import { createUser, openStore, referencedStorageKeys } from "../../src/store/index.js";
import { CREDITED, multipart } from "../api/media/requests.js";
import { pngGraphic } from "../fixtures/images.js";
import { TEST_PASSWORD } from "../helpers/auth.js";
import { cliArgs } from "../helpers/cli.js";
import { createPostgresDatabase, DATABASES, PG_TEST_URL } from "../helpers/databases.js";
import { freePort } from "../helpers/free-port.js";

const API = "/api/admin/v1";

/** Polls `check` until it is true; fails after `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const list = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** A running `masthead serve` and how to reach it. */
interface Served {
  child: ChildProcess;
  url: string;
}

const running: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, cliArgs(["serve"]), {
    env: { PATH: process.env.PATH, ...env, PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  running.push(child);
  const url = `http://127.0.0.1:${port}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`masthead serve exited with ${child.exitCode}`);
    return fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
  });
  return { child, url };
}

/** Signs in over HTTP; the cookie and CSRF headers for later requests. */
async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}${API}/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  return { cookie, "x-csrf-token": ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function upload(url: string, headers: Record<string, string>, data: Buffer) {
  const body = await multipart(CREDITED, { name: "photo.png", type: "image/png", data });
  return fetch(`${url}${API}/media`, {
    method: "POST",
    headers: { ...headers, ...body.headers },
    body: new Uint8Array(body.payload),
  });
}

for (const db of DATABASES) {
  describe(db.name, () => {
    it("a kill -9 mid-upload and a restart leave no orphan, and keep every recorded file", async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "mh-crash-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = { MASTHEAD_DATA_DIR: dataDir };
      if (db.name === "postgres" && PG_TEST_URL) {
        const pg = await createPostgresDatabase(PG_TEST_URL);
        cleanups.push(pg.drop);
        env.DATABASE_URL = pg.url;
      }
      const mediaDir = path.join(dataDir, "media");
      const stagingDir = path.join(dataDir, "media-staging");

      const first = await serve(env);
      const store = await openStore(
        env.DATABASE_URL
          ? { kind: "postgres", url: env.DATABASE_URL }
          : { kind: "sqlite", file: path.join(dataDir, "masthead.db") },
      );
      cleanups.unshift(() => store.close());
      await createUser(
        store,
        { email: "desk@example.org", name: "Desk", role: "editor", personId: null },
        await hashPassword(TEST_PASSWORD),
      );
      const headers = await signIn(first.url, "desk@example.org");
      const kept = await upload(first.url, headers, await pngGraphic(600, 400));
      expect(kept.status).toBe(201);
      const { media } = (await kept.json()) as {
        media: { storageKey: string; variants: { storageKey: string }[] };
      };
      const recorded = [media.storageKey, ...media.variants.map((v) => v.storageKey)];

      // A large upload, killed once its worker has written renditions into staging.
      const big = await sharp({
        create: { width: 6000, height: 4000, channels: 3, background: "#825" },
      })
        .png()
        .toBuffer();
      const pending = upload(first.url, headers, big).catch(() => undefined);
      await until(async () => {
        for (const dir of await list(stagingDir))
          if ((await list(path.join(stagingDir, dir))).length >= 2) return true;
        return false;
      });
      first.child.kill("SIGKILL");
      await pending;
      await until(() => first.child.exitCode !== null || first.child.signalCode !== null);
      const [leftover] = await list(stagingDir);
      expect(leftover).toBeDefined();

      // The worst moment: the dead process had moved two renditions into /media (and listed them,
      // with an already recorded file) but its transaction never committed.
      const orphans = [`${randomUUID()}-240.webp`, `${randomUUID()}-480.webp`];
      for (const key of orphans)
        await copyFile(path.join(mediaDir, recorded[1] as string), path.join(mediaDir, key));
      await writeFile(
        path.join(stagingDir, leftover as string, "publishing.json"),
        JSON.stringify([...orphans, recorded[1]]),
      );
      // Another instance's upload in progress on another host: left alone.
      const foreign = `other-host~4242~deadbeef~${randomUUID()}`;
      await mkdir(path.join(stagingDir, foreign));
      const fresh = `${randomUUID()}-960.webp`;
      await copyFile(path.join(mediaDir, recorded[1] as string), path.join(mediaDir, fresh));
      await writeFile(path.join(stagingDir, foreign, "publishing.json"), JSON.stringify([fresh]));

      const second = await serve(env);
      expect(await list(stagingDir)).toEqual([foreign]);
      const onDisk = (await list(mediaDir)).filter((f) => !f.startsWith("demo-"));
      expect(onDisk.sort()).toEqual([...recorded, fresh].sort());
      const referenced = await referencedStorageKeys(store, onDisk);
      expect(onDisk.filter((k) => !referenced.has(k))).toEqual([fresh]);
      for (const key of orphans)
        expect((await fetch(`${second.url}/media/${key}`)).status).toBe(404);
      for (const key of recorded.slice(1))
        expect((await fetch(`${second.url}/media/${key}`)).status).toBe(200);
      second.child.kill("SIGTERM");
      await until(() => second.child.exitCode !== null);
    }, 180_000);
  });
}
