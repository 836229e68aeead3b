// The behaviours every multi-instance database must show, written once and run by
// instances-postgres.test.ts (three instances) and instances-sqlite.test.ts (two processes): a
// publish, an edit and an unpublish made on one instance reach the cached pages of every other
// within `limitMs`. Each case warms every instance's cache first, so a pass proves invalidation,
// not the absence of caching; and each checks the instance that made the change first, so a
// failure on the others is about reaching them, not about the harness.
import { expect, it } from "vitest";
import {
  getPage,
  type Instance,
  type Newsroom,
  uniqueHeadline,
  waitUntil,
} from "../helpers/instances.js";

/** The running instances and an owner signed in on each (same order). */
export interface Cluster {
  instances: Instance[];
  newsrooms: Newsroom[];
}

/** GETs each path on each instance twice, so every one of them holds the page in its cache. */
export async function warm(instances: Instance[], paths: string[]): Promise<void> {
  for (let round = 0; round < 2; round++)
    await Promise.all(instances.flatMap((i) => paths.map((p) => getPage(i, p))));
}

/** Whether `instance` serves `path` with 200 and shows `headline`. */
export async function shows(instance: Instance, path: string, headline: string) {
  const page = await getPage(instance, path);
  return page.status === 200 && page.body.includes(headline);
}

/** What `instance` answers for `path`, briefly, for failure messages. */
function describer(instance: Instance, path: string, headline: string) {
  let last = "";
  return {
    async fresh(check: (status: number, body: string) => boolean) {
      const page = await getPage(instance, path);
      last = `${instance.name} ${path} answered ${page.status}${page.body.includes(headline) ? " with" : " without"} '${headline}'`;
      return check(page.status, page.body);
    },
    last: () => last,
  };
}

/**
 * Waits until `instance` serves `path` as `check` wants, within `limitMs`; the time it took.
 * @example await reaches(b, article.path, headline, (s, body) => s === 200 && body.includes(headline), 1000)
 */
export async function reaches(
  instance: Instance,
  path: string,
  headline: string,
  check: (status: number, body: string) => boolean,
  limitMs: number,
): Promise<number> {
  const d = describer(instance, path, headline);
  return waitUntil(() => d.fresh(check), limitMs, {
    what: `${instance.name} serves the change at ${path}`,
    describe: d.last,
  });
}

const showing = (headline: string) => (status: number, body: string) =>
  status === 200 && body.includes(headline);
const gone = (status: number) => status === 404;
const notListing = (headline: string) => (status: number, body: string) =>
  status === 200 && !body.includes(headline);

/** Registers the publish, edit and unpublish cases on `cluster()`, each within `limitMs`. */
export function crossInstanceCases(cluster: () => Cluster, limitMs: number): void {
  /** A new section and person, so no earlier case left their pages in any cache. */
  const setUp = async (headline: string, publishedBy?: Newsroom) => {
    const { newsrooms } = cluster();
    const first = newsrooms[0] as Newsroom;
    const desk = await first.createDesk();
    const article = await first.createArticle(desk, headline);
    if (publishedBy) await publishedBy.transition(article, "published");
    return { desk, article };
  };
  const others = (maker: Instance) => cluster().instances.filter((i) => i !== maker);

  it(`a publish on the first instance shows on every other within ${limitMs} ms`, async () => {
    const { instances, newsrooms } = cluster();
    const maker = newsrooms[0] as Newsroom;
    const headline = uniqueHeadline("Published");
    const { desk, article } = await setUp(headline);
    await warm(instances, ["/", desk.sectionPath, article.path]);
    expect((await getPage(instances[1] as Instance, desk.sectionPath)).body).not.toContain(
      headline,
    );

    await maker.transition(article, "published");

    expect(await shows(maker.instance, article.path, headline)).toBe(true);
    expect(await shows(maker.instance, desk.sectionPath, headline)).toBe(true);
    for (const other of others(maker.instance)) {
      // The article page was a 404, which is not cached; its section's page is.
      await reaches(other, article.path, headline, showing(headline), limitMs);
      await reaches(other, desk.sectionPath, headline, showing(headline), limitMs);
    }
  });

  it(`an edit on the second instance: every other serves it within ${limitMs} ms and never the old version after`, async () => {
    const { instances, newsrooms } = cluster();
    const editor = newsrooms[1] as Newsroom;
    const before = uniqueHeadline("Before");
    const after = uniqueHeadline("After");
    const { desk, article } = await setUp(before, newsrooms[0]);
    await warm(instances, [article.path, desk.sectionPath]);
    for (const i of instances) expect(await shows(i, article.path, before)).toBe(true);

    await editor.editHeadline(article, after);

    expect(await shows(editor.instance, article.path, after)).toBe(true);
    for (const other of others(editor.instance)) {
      await reaches(other, article.path, after, showing(after), limitMs);
      await reaches(other, desk.sectionPath, after, showing(after), limitMs);
    }
    // Once fresh, always fresh: no instance falls back to a copy it held before the event.
    for (let round = 0; round < 10; round++)
      for (const other of others(editor.instance))
        for (const path of [article.path, desk.sectionPath]) {
          const page = await getPage(other, path);
          expect(page.body, `${other.name} ${path}, round ${round}`).toContain(after);
          expect(page.body, `${other.name} ${path}, round ${round}`).not.toContain(before);
        }
  });

  it(`an unpublish on the last instance answers 404 on every other within ${limitMs} ms`, async () => {
    const { instances, newsrooms } = cluster();
    const unpublisher = newsrooms[newsrooms.length - 1] as Newsroom;
    const headline = uniqueHeadline("Withdrawn");
    const { desk, article } = await setUp(headline, newsrooms[0]);
    await warm(instances, [article.path, desk.sectionPath]);
    for (const i of instances) expect(await shows(i, article.path, headline)).toBe(true);

    await unpublisher.transition(article, "unpublished");

    expect((await getPage(unpublisher.instance, article.path)).status).toBe(404);
    for (const other of others(unpublisher.instance)) {
      await reaches(other, article.path, headline, gone, limitMs);
      await reaches(other, desk.sectionPath, headline, notListing(headline), limitMs);
    }
  });
}
