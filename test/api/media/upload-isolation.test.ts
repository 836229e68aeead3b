// Uploads that cost the most (three 10000×9999 PNGs at once, a 200-frame GIF) run in image
// worker processes: sign-in and static files are answered while they run, each account has its
// limits, and a worker that dies fails its job cleanly. On each database.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { MAX_FRAMES } from "../../../src/media/index.js";
import { buildServer } from "../../../src/server.js";
import type { Store } from "../../../src/store/index.js";
import { animatedGif, pngGraphic } from "../../fixtures/images.js";
import { type SignedIn, signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { useDemoApp } from "../../http/app.js";
import { API, CREDITED, filesOnDisk, mediaRows, multipart } from "./requests.js";

/** Polls `check` until it is true; fails after `ms`. */
async function until(check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Process ids of this process's image workers (children running image-child). */
async function imageWorkers(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      if ((await readFile(`/proc/${entry}/cmdline`, "utf8")).includes("image-child"))
        found.push(Number(entry));
    } catch {
      // A process that ended while we looked.
    }
  }
  return found;
}

/** A nice value of a thread of `pid` (field 19 of its stat). */
async function niceOf(pid: number, thread: string): Promise<number> {
  const stat = await readFile(`/proc/${pid}/task/${thread}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

let hugePng: Buffer;
let longGif: Buffer;
beforeAll(async () => {
  // 99.99 megapixels, just under the pixel limit, in a few hundred kilobytes.
  hugePng = await sharp({ create: { width: 10000, height: 9999, channels: 3, background: "#3a6" } })
    .png()
    .toBuffer();
  longGif = await animatedGif(120, 80, 200);
}, 60_000);

for (const db of DATABASES) {
  describe(db.name, () => {
    const t = useDemoApp(db);

    async function upload(session: SignedIn, data: Buffer, name = "huge.png") {
      const body = await multipart(CREDITED, { name, type: "image/png", data });
      return t().app.inject({
        method: "POST",
        url: `${API}/media`,
        headers: { ...session.headers, ...body.headers },
        payload: body.payload,
      });
    }

    it("sign-in, /assets and /media are answered while three worst-case uploads run", async () => {
      const [a, b] = [
        await signIn(t().app, t().store, "contributor"),
        await signIn(t().app, t().store, "contributor"),
      ];
      const reader = await signIn(t().app, t().store, "author");
      const demoFile = (await readdir(path.join(t().dataDir, "media"))).find((f) =>
        f.startsWith("demo-"),
      );
      // Three uploads from one account and one from another, at once: a third upload from one
      // account is refused at once (429) while its other two run.
      let processed = 0;
      const uploads = [
        upload(a, hugePng),
        upload(a, hugePng),
        upload(a, hugePng),
        upload(b, hugePng),
      ].map((p) =>
        p.then((res) => {
          if (res.statusCode !== 429) processed += 1;
          return res;
        }),
      );

      // Once a worker is decoding, everything else is asked for.
      await until(async () => (await imageWorkers()).length > 0);
      const session = await t().app.inject({
        method: "POST",
        url: `${API}/session`,
        payload: { email: reader.user.email, password: TEST_PASSWORD },
      });
      const asset = await t().app.inject({ url: "/assets/site.css" });
      const media = await t().app.inject({ url: `/media/${demoFile}` });
      const processedMeanwhile = processed;

      expect([session.statusCode, asset.statusCode, media.statusCode]).toEqual([200, 200, 200]);
      // Before image work left the server's process, these waited until the uploads were done.
      expect(processedMeanwhile).toBe(0);
      const results = await Promise.all(uploads);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 429]);
      const refused = results.find((r) => r.statusCode === 429);
      expect(refused?.json().error.code).toBe("MH_RATE_LIMITED");
      expect(Number(refused?.headers["retry-after"])).toBeGreaterThan(0);
      expect(results.find((r) => r.statusCode === 201)?.json().media).toMatchObject({
        width: 10000,
        height: 9999,
      });
    }, 120_000);

    it("image workers run at a lower priority than the server", async () => {
      const [pid] = await imageWorkers();
      expect(pid).toBeDefined();
      const threads = await readdir(`/proc/${pid}/task`);
      const server = await niceOf(process.pid, String(process.pid));
      for (const thread of threads) expect(await niceOf(pid as number, thread)).toBe(server + 10);
    });

    it("an animation of more than the frame limit is refused from its header", async () => {
      const session = await signIn(t().app, t().store, "contributor");
      const before = [await filesOnDisk(t().dataDir), await mediaRows(t().store)];
      const res = await upload(session, longGif, "long.gif");
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: "MH_TOO_LARGE" });
      expect(res.json().error.message).toContain(
        `200 frames, more than the limit of ${MAX_FRAMES}`,
      );
      expect([await filesOnDisk(t().dataDir), await mediaRows(t().store)]).toEqual(before);
    });

    it("a worker killed mid-job fails that upload with 422, leaves nothing, and is replaced", async () => {
      const session = await signIn(t().app, t().store, "contributor");
      const before = [await filesOnDisk(t().dataDir), await mediaRows(t().store)];
      const pending = upload(session, hugePng);
      await until(async () => (await filesOnDisk(t().dataDir)).some((f) => f.endsWith("/upload")));
      for (const pid of await imageWorkers()) process.kill(pid, "SIGKILL");
      const res = await pending;
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("MH_IMAGE_FAILED");
      expect(res.json().error.message).toContain("SIGKILL");
      expect([await filesOnDisk(t().dataDir), await mediaRows(t().store)]).toEqual(before);

      const next = await upload(session, await pngGraphic(300, 200), "chart.png");
      expect(next.statusCode).toBe(201);
    }, 60_000);

    it("an account's uploads are rate limited with 429 and Retry-After, others' are not", async () => {
      const [heavy, other] = [
        await signIn(t().app, t().store, "contributor"),
        await signIn(t().app, t().store, "contributor"),
      ];
      // Refused requests count too: they cost the server reading them.
      const send = (s: SignedIn) =>
        t().app.inject({
          method: "POST",
          url: `${API}/media`,
          headers: { ...s.headers, "content-type": "application/json" },
          payload: "{}",
        });
      for (let i = 0; i < 30; i++) expect((await send(heavy)).statusCode).toBe(415);
      const limited = await send(heavy);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe("MH_RATE_LIMITED");
      expect(limited.json().error.message).toContain("30 uploads in the last 10 minutes");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect((await send(other)).statusCode).toBe(415);
    });
  });
}

describe("a full queue", () => {
  const [db] = DATABASES;
  let app: FastifyInstance;
  let store: Store;
  let dataDir: string;
  beforeAll(async () => {
    store = await (db as (typeof DATABASES)[number]).open();
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-queue-"));
    const config = loadConfig({
      MASTHEAD_DATA_DIR: dataDir,
      MASTHEAD_IMAGE_WORKERS: "1",
      MASTHEAD_IMAGE_QUEUE: "0",
    });
    app = await buildServer({ config, store, logLevel: "silent" });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses an upload with 503 MH_UPLOADS_BUSY and Retry-After when every worker is busy", async () => {
    const send = async (data: Buffer) => {
      const session = await signIn(app, store, "contributor");
      const body = await multipart(CREDITED, { name: "a.png", type: "image/png", data });
      return app.inject({
        method: "POST",
        url: `${API}/media`,
        headers: { ...session.headers, ...body.headers },
        payload: body.payload,
      });
    };
    const first = send(hugePng);
    // Its first rendition in staging: the job is in the worker.
    await until(async () =>
      (await filesOnDisk(dataDir)).some((f) => /^media-staging\/.*-\d+\.avif$/.test(f)),
    );
    const refused = await send(await pngGraphic(300, 200));
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe("MH_UPLOADS_BUSY");
    expect(refused.json().error.message).toContain("try again in 10 seconds");
    expect(refused.headers["retry-after"]).toBe("10");
    expect((await first).statusCode).toBe(201);
  }, 60_000);
});
