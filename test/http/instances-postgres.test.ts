// Three real `masthead serve` processes on one PostgreSQL database: a change committed on one is
// served by every other within a second (change events: LISTEN/NOTIFY, and a replay from the
// outbox after a reconnect). Instance C reaches the database through a proxy the test can cut,
// so it misses a NOTIFY the way a dropped connection does. A second suite restarts a private
// PostgreSQL server under load. Runs when MASTHEAD_TEST_PG_URL is set (required under CI).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_TEST_URL } from "../helpers/databases.js";
import {
  type CuttableProxy,
  createOwner,
  getPage,
  type Instance,
  type Newsroom,
  type SharedDatabase,
  sharedDatabase,
  signInOn,
  startCuttableProxy,
  startInstance,
  startInstances,
  stopInstances,
  type TestArticle,
  throughProxy,
  uniqueHeadline,
  waitUntil,
} from "../helpers/instances.js";
import { type PrivatePostgres, startPrivatePostgres } from "../helpers/private-postgres.js";
import { type Cluster, crossInstanceCases, reaches, shows, warm } from "./cross-instance.cases.js";

/** The goal for PostgreSQL: commit to fresh on every other instance. */
const LIMIT_MS = 1_000;
/** After a reconnect: the instance notices, reconnects, and replays what it missed. */
const CATCH_UP_MS = 5_000;

const showing = (headline: string) => (status: number, body: string) =>
  status === 200 && body.includes(headline);

/** Asserts that `rounds` GETs of each path on `instance` show `headline` and never `old`. */
async function staysFresh(
  instance: Instance,
  paths: string[],
  headline: string,
  old: string,
  rounds = 10,
) {
  for (let round = 0; round < rounds; round++)
    for (const path of paths) {
      const page = await getPage(instance, path);
      expect(page.body, `${instance.name} ${path}, round ${round}`).toContain(headline);
      expect(page.body, `${instance.name} ${path}, round ${round}`).not.toContain(old);
    }
}

describe.skipIf(PG_TEST_URL === undefined)("three instances on one PostgreSQL database", () => {
  let db: SharedDatabase | undefined;
  let proxy: CuttableProxy | undefined;
  let instances: Instance[] = [];
  let newsrooms: Newsroom[] = [];

  beforeAll(async () => {
    db = await sharedDatabase({ kind: "postgres", adminUrl: PG_TEST_URL as string });
    proxy = await startCuttableProxy(db.databaseUrl as string);
    const owner = await createOwner(db);
    const [a, b] = await startInstances(["A", "B"], db);
    const c = await startInstance("C", {
      ...db.env,
      DATABASE_URL: throughProxy(db.databaseUrl as string, proxy),
    });
    instances = [a as Instance, b as Instance, c];
    newsrooms = await Promise.all(instances.map((i) => signInOn(i, owner)));
  }, 60_000);

  afterAll(async () => {
    await stopInstances(instances);
    await proxy?.close();
    await db?.drop();
  }, 30_000);

  crossInstanceCases((): Cluster => ({ instances, newsrooms }), LIMIT_MS);

  it("an instance cut off from the database during an edit replays it from the outbox once back", async () => {
    const [a, , c] = newsrooms as [Newsroom, Newsroom, Newsroom];
    const before = uniqueHeadline("Before the cut");
    const after = uniqueHeadline("During the cut");
    const desk = await a.createDesk();
    const article = await a.createArticle(desk, before);
    await a.transition(article, "published");
    const paths = [article.path, desk.sectionPath];
    await warm(instances, paths);
    expect(await shows(c.instance, article.path, before)).toBe(true);

    proxy?.cut();
    try {
      // Committed while C's connections are gone: its NOTIFY cannot reach C.
      await a.editHeadline(article, after);
      expect(await shows(a.instance, article.path, after)).toBe(true);
    } finally {
      proxy?.restore();
    }

    // Back in touch first, so a failure below is about the missed event, not the connection.
    await reaches(c.instance, "/readyz", "ready", (status) => status === 200, CATCH_UP_MS);
    for (const path of paths) await reaches(c.instance, path, after, showing(after), CATCH_UP_MS);
    await staysFresh(c.instance, paths, after, before);
    expect(c.instance.alive()).toBe(true);
  });

  it("an outbox grown while an instance was cut off is drained: every page it missed is fresh", async () => {
    const [a, , c] = newsrooms as [Newsroom, Newsroom, Newsroom];
    const desk = await a.createDesk();
    const articles: TestArticle[] = [];
    for (let n = 0; n < 4; n++) {
      const article = await a.createArticle(desk, uniqueHeadline(`Story ${n} first`));
      await a.transition(article, "published");
      articles.push(article);
    }
    const first = articles.map((x) => x.fields.headline);
    await warm(instances, [desk.sectionPath, ...articles.map((x) => x.path)]);

    proxy?.cut();
    try {
      // 15 edits of each, interleaved: only the last of each may be served afterwards.
      for (let round = 0; round < 15; round++)
        for (const [n, article] of articles.entries())
          await a.editHeadline(article, uniqueHeadline(`Story ${n} edit ${round}`));
    } finally {
      proxy?.restore();
    }

    await reaches(c.instance, "/readyz", "ready", (status) => status === 200, CATCH_UP_MS);
    for (const [n, article] of articles.entries()) {
      const last = article.fields.headline;
      await reaches(c.instance, article.path, last, showing(last), CATCH_UP_MS);
      await staysFresh(c.instance, [article.path], last, first[n] as string, 3);
    }
    await reaches(
      c.instance,
      desk.sectionPath,
      "every last headline",
      (status, body) => status === 200 && articles.every((x) => body.includes(x.fields.headline)),
      CATCH_UP_MS,
    );
    expect(c.instance.alive()).toBe(true);
  });
});

describe.skipIf(PG_TEST_URL === undefined)("PostgreSQL restarted under load", () => {
  let server: PrivatePostgres | undefined;
  let db: SharedDatabase | undefined;
  let instances: Instance[] = [];
  let newsrooms: Newsroom[] = [];

  beforeAll(async () => {
    server = await startPrivatePostgres();
    db = await sharedDatabase({ databaseUrl: server.url });
    const owner = await createOwner(db);
    instances = await startInstances(["X", "Y"], db);
    newsrooms = await Promise.all(instances.map((i) => signInOn(i, owner)));
  }, 60_000);

  afterAll(async () => {
    await stopInstances(instances);
    await db?.drop();
    await server?.destroy();
  }, 30_000);

  it("after restarts every instance serves an edit made on another, and none crashed", async () => {
    const [x, y] = newsrooms as [Newsroom, Newsroom];
    const before = uniqueHeadline("Before the restart");
    const after = uniqueHeadline("After the restart");
    const desk = await x.createDesk();
    const article = await x.createArticle(desk, before);
    await x.transition(article, "published");
    const paths = ["/", desk.sectionPath, article.path];
    await warm(instances, paths);

    // Readers keep asking throughout, some for pages no cache holds so that connections are
    // checked out when the server goes; a refused connection would mean an instance died.
    const loadPaths = [...paths, "/readyz", "/an-address-nothing-serves"];
    let loading = true;
    const refused: string[] = [];
    const statuses = new Map<number, number>();
    const load = Promise.all(
      instances.map(async (instance) => {
        while (loading)
          for (const path of loadPaths)
            await getPage(instance, path).then(
              (page) => statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1),
              (error: Error) => refused.push(`${instance.name} ${path}: ${error.message}`),
            );
      }),
    );

    try {
      // Three times: a connection dying while checked out is a race one restart may not hit.
      for (let restart = 0; restart < 3; restart++) {
        await server?.stopImmediately();
        await server?.start();
        for (const instance of instances)
          await reaches(instance, "/readyz", "ready", (status) => status === 200, 30_000);
      }

      // A save may meet a pooled connection the restart killed and answer 503 with Retry-After,
      // as the API promises while the database is away; an editor retries, so does the test.
      await waitUntil(
        () =>
          x.editHeadline(article, after).then(
            () => true,
            (error: Error) => {
              if (/: 503 /.test(error.message)) return false;
              throw error;
            },
          ),
        CATCH_UP_MS,
        { what: "the save on X after the restart", intervalMs: 200 },
      );

      expect(await shows(x.instance, article.path, after)).toBe(true);
      for (const path of [article.path, desk.sectionPath])
        await reaches(y.instance, path, after, showing(after), CATCH_UP_MS);
      await staysFresh(y.instance, [article.path, desk.sectionPath], after, before);
    } finally {
      loading = false;
      await load;
    }
    expect(refused).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    for (const instance of instances) expect(instance.alive(), instance.output()).toBe(true);
  }, 60_000);
});
