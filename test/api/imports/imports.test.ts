// The admin API's imports and export over HTTP, on each database: who may, a WordPress file
// run dry then for real in the worker (the one the CLI uses), one run at a time, bad files
// refused with the importer's message, interrupted runs, and the export as a tar download.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { buildServer } from "../../../src/server.js";
import {
  createImportRun,
  latestChangePosition,
  listArticles,
  migrateToLatest,
  openStore,
  readChangesAfter,
  type Store,
} from "../../../src/store/index.js";
import { type SignedIn, signIn } from "../../helpers/auth.js";
import { createPostgresDatabase, DATABASES, PG_TEST_URL } from "../../helpers/databases.js";
import { API, multipart } from "../media/requests.js";

const FIXTURES = path.resolve("test/fixtures");

interface Run {
  id: string;
  status: string;
  fileName: string;
  fileKept: boolean;
  platform: string;
  uploadId: string;
  options: { dryRun: boolean };
  progress: { pass: string; done: number; total: number } | null;
  report: {
    dryRun: boolean;
    counts: Record<string, { imported: number; updated: number; unchanged: number }>;
  } | null;
  error: { code: string | null; message: string } | null;
}

for (const db of DATABASES) {
  describe(db.name, () => {
    let app: FastifyInstance;
    let store: Store;
    let dataDir: string;
    let drop: (() => Promise<void>) | undefined;
    let config: ReturnType<typeof loadConfig>;
    let owner: SignedIn;
    let editor: SignedIn;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "mh-imports-"));
      // The worker opens the database itself, from the configuration: it must name this one.
      let databaseUrl = path.join(dataDir, "masthead.db");
      if (db.name === "postgres" && PG_TEST_URL) {
        const created = await createPostgresDatabase(PG_TEST_URL);
        databaseUrl = created.url;
        drop = created.drop;
      }
      config = loadConfig({
        MASTHEAD_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        MASTHEAD_URL: "https://news.test",
      });
      store = await openStore(config.database);
      await migrateToLatest(store);
      app = await buildServer({ config, store, logLevel: "silent" });
      await app.ready();
      owner = await signIn(app, store, "owner");
      editor = await signIn(app, store, "editor");
    });

    afterAll(async () => {
      await app?.close();
      await store?.close();
      await drop?.();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function upload(who: SignedIn, fixture: string, fields: Record<string, string> = {}) {
      const body = await multipart(fields, {
        name: fixture,
        type: "application/xml",
        data: await readFile(
          path.join(FIXTURES, fixture.endsWith(".json") ? "ghost" : "wordpress", fixture),
        ),
      });
      return app.inject({
        method: "POST",
        url: `${API}/imports`,
        headers: { ...who.headers, ...body.headers },
        payload: body.payload,
      });
    }

    async function get(url: string, who: SignedIn = owner) {
      return app.inject({ method: "GET", url: `${API}${url}`, headers: who.headers });
    }

    async function finished(id: string): Promise<Run> {
      for (let i = 0; i < 600; i++) {
        const res = await get(`/imports/${id}`);
        expect(res.statusCode).toBe(200);
        const run = res.json().run as Run;
        if (run.status === "done" || run.status === "failed") return run;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`import run ${id} did not finish in 60 s`);
    }

    const uploads = async () =>
      readdir(path.join(dataDir, "imports", "uploads")).catch(() => [] as string[]);

    it("is for owners: an editor gets 403 for imports and the export", async () => {
      const responses = await Promise.all([
        upload(editor, "small-1.1.xml", { dryRun: "true" }),
        get("/imports", editor),
        get("/export", editor),
        app.inject({
          method: "POST",
          url: `${API}/imports/00000000-0000-4000-8000-000000000000/rerun`,
          headers: editor.headers,
          payload: { dryRun: false },
        }),
      ]);
      for (const res of responses) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("MH_FORBIDDEN");
      }
      expect(await uploads()).toEqual([]);
    });

    it("runs a WordPress file dry, then for real, keeping each report", async () => {
      const start = await latestChangePosition(store);
      const imported = async () =>
        (await readChangesAfter(store, start)).filter((e) => e.type === "import.finished");
      const dry = await upload(owner, "small-1.1.xml", { dryRun: "true" });
      expect(dry.statusCode, dry.body).toBe(202);
      const queued = dry.json().run as Run;
      expect(queued).toMatchObject({ fileName: "small-1.1.xml", options: { dryRun: true } });
      expect(["queued", "running"]).toContain(queued.status);

      const dryRun = await finished(queued.id);
      expect(dryRun.error).toBeNull();
      expect(dryRun).toMatchObject({ status: "done", fileKept: true });
      expect(dryRun.report?.dryRun).toBe(true);
      expect(dryRun.report?.counts.article?.imported).toBe(1);
      expect(dryRun.report?.counts.page?.imported).toBe(1);
      expect(dryRun.progress).toMatchObject({ pass: "import", done: 2, total: 2 });
      expect((await listArticles(store, { limit: 10, offset: 0 })).total).toBe(0);
      // A dry run wrote nothing, so it tells no one to drop anything.
      expect(await imported()).toEqual([]);
      // The home page, cached before the import, must show what it brings once it is done.
      for (let i = 0; i < 2; i++) expect((await app.inject("/")).statusCode).toBe(200);
      expect((await app.inject("/")).body).not.toContain("Hello world!");

      // The same upload, for real: no second upload of a file that may be large.
      const real = await app.inject({
        method: "POST",
        url: `${API}/imports/${queued.id}/rerun`,
        headers: owner.headers,
        payload: { dryRun: false },
      });
      expect(real.statusCode, real.body).toBe(202);
      const done = await finished(real.json().run.id);
      expect(done.error).toBeNull();
      expect(done.status).toBe("done");
      expect(done.report?.dryRun).toBe(false);
      expect(done.report?.counts.article?.imported).toBe(1);
      const articles = await listArticles(store, { limit: 10, offset: 0 });
      expect(articles.items.map((a) => a.headline)).toEqual(["Hello world!"]);
      expect(await imported()).toMatchObject([
        {
          type: "import.finished",
          ids: { importRunId: done.id },
          paths: ["/*"],
          data: { platform: "wordpress", failed: false },
        },
      ]);
      await expect
        .poll(async () => (await app.inject("/")).body, { timeout: 2000 })
        .toContain("Hello world!");

      // Imported: the file is not kept, and the list shows both runs, newest first.
      expect(done.fileKept).toBe(false);
      expect(await uploads()).toEqual([]);
      const list = await get("/imports");
      expect(list.json().items.map((r: Run) => [r.id, r.status, r.options.dryRun])).toEqual([
        [done.id, "done", false],
        [dryRun.id, "done", true],
      ]);
      // The list leaves the reports out; each run's page has its whole report.
      expect(list.json().items[0].report).toBeNull();
      const again = await app.inject({
        method: "POST",
        url: `${API}/imports/${dryRun.id}/rerun`,
        headers: owner.headers,
        payload: { dryRun: false },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/no longer kept/);
    }, 120_000);

    it("refuses a file that is not an export with the importer's message, keeping nothing", async () => {
      const before = (await get("/imports")).json().items.length;
      const binary = await upload(owner, "binary.bin");
      expect(binary.statusCode).toBe(422);
      expect(binary.json().error).toMatchObject({ code: "MH_IMPORT_INVALID" });
      expect(binary.json().error.message).toMatch(/binary\.bin: this is a binary file/);
      const feed = await upload(owner, "rss-feed.xml");
      expect(feed.statusCode).toBe(422);
      expect(feed.json().error.message).toMatch(/rss-feed\.xml: this is an RSS feed/);
      const noFile = await multipart({ dryRun: "true" });
      const none = await app.inject({
        method: "POST",
        url: `${API}/imports`,
        headers: { ...owner.headers, ...noFile.headers },
        payload: noFile.payload,
      });
      expect(none.statusCode).toBe(400);
      expect(none.json().error.issues).toEqual([
        { path: "file", message: "choose the export file to import" },
      ]);
      expect((await get("/imports")).json().items.length).toBe(before);
      expect(await uploads()).toEqual([]);
    });

    it("tells a Ghost export from its first bytes and runs it; refuses what Ghost's importer refuses", async () => {
      const dry = await upload(owner, "ghost-5.json", { dryRun: "true" });
      expect(dry.statusCode, dry.body).toBe(202);
      const run = await finished(dry.json().run.id);
      expect(run.error).toBeNull();
      expect(run).toMatchObject({ platform: "ghost", status: "done", fileKept: true });
      expect(run.report?.counts.article?.imported).toBeGreaterThan(0);

      const notGhost = await upload(owner, "not-ghost.json");
      expect(notGhost.statusCode).toBe(422);
      expect(notGhost.json().error.message).toMatch(
        /^not-ghost\.json: this JSON is not a Ghost export/,
      );
      const asDraft = await upload(owner, "ghost-5.json", { asDraft: "true" });
      expect(asDraft.statusCode).toBe(422);
      expect(asDraft.json().error.message).toMatch(/drafts is for WordPress exports only/);
      // The refused files are not kept; the dry run's is, to be imported.
      expect(await uploads()).toEqual([run.uploadId]);
    }, 120_000);

    it("runs one import at a time; a run whose process died is shown as interrupted", async () => {
      // A run another instance is running (its heartbeat is fresh).
      const other = await createImportRun(
        store,
        {
          platform: "wordpress",
          fileName: "elsewhere.xml",
          fileSize: 10,
          uploadId: "00000000-0000-4000-8000-000000000001",
          options: { dryRun: false, asDraft: false, overwrite: false, fetchMedia: false },
          startedBy: owner.user.id,
        },
        new Date(Date.now() - 60_000).toISOString(),
      );
      const kept = await uploads();
      const second = await upload(owner, "small-1.1.xml", { dryRun: "true" });
      expect(second.statusCode).toBe(409);
      expect(second.json().error).toMatchObject({ code: "MH_CONFLICT" });
      expect(second.json().error.message).toMatch(/an import is already running \(elsewhere\.xml/);
      expect(await uploads()).toEqual(kept);

      // Its process dies: two minutes without a heartbeat and it shows as failed.
      await store.db
        .updateTable("import_runs")
        .set({ heartbeat_at: new Date(Date.now() - 120_000).toISOString() })
        .where("id", "=", other.id)
        .execute();
      const shown = (await get(`/imports/${other.id}`)).json().run as Run;
      expect(shown.status).toBe("failed");
      expect(shown.error).toMatchObject({ code: "MH_IMPORT_INTERRUPTED" });
      expect(shown.error?.message).toMatch(/interrupted.*run it again/);
      const next = await upload(owner, "small-1.1.xml", { dryRun: "true" });
      expect(next.statusCode, next.body).toBe(202);
      // While it runs (its worker is only starting), another is refused.
      const meanwhile = await upload(owner, "small-1.1.xml", { dryRun: "true" });
      expect(meanwhile.statusCode).toBe(409);
      expect(meanwhile.json().error.message).toMatch(/already running \(small-1\.1\.xml/);
      expect((await finished(next.json().run.id)).status).toBe("done");
    }, 120_000);

    it("marks a run its dead process left running as interrupted when a server starts", async () => {
      const orphan = await createImportRun(
        store,
        {
          platform: "wordpress",
          fileName: "crashed.xml",
          fileSize: 10,
          uploadId: "00000000-0000-4000-8000-000000000002",
          options: { dryRun: false, asDraft: false, overwrite: false, fetchMedia: false },
          startedBy: null,
        },
        new Date().toISOString(),
        new Date(Date.now() - 120_000).toISOString(),
      );
      const status = async () =>
        (
          await store.db
            .selectFrom("import_runs")
            .select(["status", "error_code"])
            .where("id", "=", orphan.id)
            .executeTakeFirstOrThrow()
        ).status;
      expect(await status()).toBe("queued");
      const before = await latestChangePosition(store);
      const restarted = await buildServer({ config, store, logLevel: "silent" });
      await restarted.ready();
      await restarted.close();
      expect(await status()).toBe("failed");
      // What the dead run wrote is live: every instance drops its pages.
      expect(await readChangesAfter(store, before)).toMatchObject([
        { type: "import.finished", paths: ["/*"], data: { failed: true, interrupted: true } },
      ]);
    });

    it("downloads the export as a tar with its manifest", async () => {
      const res = await get("/export");
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers["content-type"]).toBe("application/x-tar");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-disposition"]).toMatch(
        /^attachment; filename="masthead-\d{4}-\d{2}-\d{2}\.tar"$/,
      );
      const members = await untar(res.rawPayload);
      const manifest = JSON.parse(members.get("manifest.json") ?? "null");
      expect(manifest).toMatchObject({ formatVersion: 1 });
      expect([...members.keys()]).toContain("data/articles.json");
    });
  });
}

/** The members of a tar as text, by name. */
async function untar(bytes: Buffer): Promise<Map<string, string>> {
  const members = new Map<string, string>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c) => chunks.push(c as Buffer));
      stream.on("end", () => {
        members.set(header.name, Buffer.concat(chunks).toString("utf8"));
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  extract.end(bytes);
  await done;
  return members;
}
