// Live coverage: a live article's timestamped updates through the admin API, as readers see them
// on the page (without JavaScript) and on the article's event stream; ending coverage; what is
// refused. Both databases.
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { Block } from "../../../src/content/index.js";
import { buildServer } from "../../../src/server.js";
import { changesDuring } from "../../helpers/changes.js";
import { DATABASES } from "../../helpers/databases.js";
import { useContentApp } from "./app.js";

const para = (text: string): Block => ({ type: "paragraph", content: [{ text }] });

/** The JSON-LD nodes of a page. */
function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].flatMap((m) =>
    JSON.parse(m[1] as string),
  );
}

/** Reads server-sent events from a streaming response until `until` holds for one. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  until: (e: { event: string; data: string; id?: string }) => boolean,
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: { event: string; data: string; id?: string }[] = [];
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended; saw ${JSON.stringify(seen)}`);
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const chunk = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const e: { event: string; data: string; id?: string } = { event: "message", data: "" };
      for (const line of chunk.split("\n")) {
        if (line.startsWith("event: ")) e.event = line.slice(7);
        else if (line.startsWith("data: ")) e.data = line.slice(6);
        else if (line.startsWith("id: ")) e.id = line.slice(4);
      }
      if (chunk.startsWith(":") || chunk.startsWith("retry:")) continue;
      seen.push(e);
      if (until(e)) {
        reader.releaseLock();
        return seen;
      }
    }
  }
}

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    const visit = (url: string) => t().app.inject({ method: "GET", url });
    const liveArticle = (status: "draft" | "published" = "published") =>
      t().article({ status, input: { type: "live", headline: "Election night, live" } });

    it("posts an update that the page shows with its time and author, and records its event", async () => {
      const editor = await t().staff("editor");
      const a = await liveArticle();
      const { result: res, events } = await changesDuring(t().store, () =>
        t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
          body: [para("Polls have closed in the east.")],
        }),
      );
      expect(res.statusCode).toBe(201);
      const { update } = res.json();
      expect(update).toMatchObject({ articleId: a.id, authorId: editor.personId, pinned: false });
      expect(events).toEqual([
        {
          type: "live_update.added",
          ids: { articleId: a.id, updateId: update.id },
          paths: [`/articles/${a.slug}`],
        },
      ]);

      const page = await visit(`/articles/${a.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Polls have closed in the east.");
      expect(page.body).toContain(`id="update-${update.id}"`);
      expect(page.body).toContain(`datetime="${update.postedAt}"`);
      expect(page.body).toContain("A editor");
      expect(page.body).toContain("live.js");
      const ld = jsonLdOf(page.body).find((n) => n["@type"] === "LiveBlogPosting");
      expect(ld).toMatchObject({
        coverageStartTime: expect.any(String),
        liveBlogUpdate: [
          {
            "@type": "BlogPosting",
            headline: "Polls have closed in the east.",
            datePublished: update.postedAt,
            author: { "@type": "Person", name: "A editor" },
          },
        ],
      });
      expect(ld).not.toHaveProperty("coverageEndTime");

      const listed = (await t().call(editor, "GET", `/articles/${a.id}/live-updates`)).json();
      expect(listed).toMatchObject({ total: 1, coverage: { endedAt: null } });
    });

    it("shows pinned key updates first, then the rest newest first", async () => {
      const editor = await t().staff("editor");
      const a = await liveArticle();
      const post = (text: string, postedAt: string, pinned = false) =>
        t()
          .call(editor, "POST", `/articles/${a.id}/live-updates`, {
            body: [para(text)],
            postedAt,
            pinned,
          })
          .then((r) => r.json().update.id as string);
      await post("First, at eight.", "2026-11-03T20:00:00.000Z");
      await post("Key: the result.", "2026-11-03T21:00:00.000Z", true);
      await post("Third, at ten.", "2026-11-03T22:00:00.000Z");
      const html = (await visit(`/articles/${a.slug}`)).body;
      // The page, not the JSON-LD in its head.
      const body = html.slice(html.indexOf('class="live-blog"'));
      const at = (s: string) => body.indexOf(s);
      expect(at("Key updates")).toBeGreaterThan(-1);
      expect(at("Key: the result.")).toBeLessThan(at("Third, at ten."));
      expect(at("Third, at ten.")).toBeLessThan(at("First, at eight."));
    });

    it("edits, pins and deletes an update, each dropping the cached page", async () => {
      const editor = await t().staff("editor");
      const a = await liveArticle();
      const { update } = (
        await t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
          body: [para("Turnout is hgih.")],
        })
      ).json();
      expect((await visit(`/articles/${a.slug}`)).body).toContain("Turnout is hgih.");
      const edited = await t().call(
        editor,
        "PATCH",
        `/articles/${a.id}/live-updates/${update.id}`,
        {
          body: [para("Turnout is high.")],
          pinned: true,
        },
      );
      expect(edited.statusCode).toBe(200);
      expect(edited.json().update).toMatchObject({ pinned: true, postedAt: update.postedAt });
      const page = (await visit(`/articles/${a.slug}`)).body;
      expect(page).toContain("Turnout is high.");
      expect(page).toContain("Key update");
      const { result: del, events } = await changesDuring(t().store, () =>
        t().call(editor, "DELETE", `/articles/${a.id}/live-updates/${update.id}`),
      );
      expect(del.statusCode).toBe(204);
      expect(events.map((e) => e.type)).toEqual(["live_update.deleted"]);
      expect((await visit(`/articles/${a.slug}`)).body).not.toContain("Turnout is high.");
    });

    it("ends coverage: the page says so, the JSON-LD has its end, and a new update is refused until reopened", async () => {
      const editor = await t().staff("editor");
      const a = await liveArticle();
      const { update } = (
        await t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
          body: [para("Counting continues.")],
        })
      ).json();
      const ended = await t().call(editor, "PUT", `/articles/${a.id}/live-coverage`, {
        ended: true,
      });
      expect(ended.statusCode).toBe(200);
      const { endedAt } = ended.json().coverage;
      expect(endedAt).toEqual(expect.any(String));

      const page = (await visit(`/articles/${a.slug}`)).body;
      expect(page).toContain("Live coverage has ended.");
      expect(jsonLdOf(page).find((n) => n["@type"] === "LiveBlogPosting")).toMatchObject({
        coverageEndTime: endedAt,
      });

      const refused = await t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
        body: [para("Too late.")],
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("MH_LIVE_ENDED");
      expect(refused.json().error.message).toContain("reopen");
      const edit = await t().call(editor, "PATCH", `/articles/${a.id}/live-updates/${update.id}`, {
        pinned: true,
      });
      expect(edit.json().error.code).toBe("MH_LIVE_ENDED");
      expect((await visit(`/articles/${a.slug}`)).body).not.toContain("Too late.");

      // Ending again changes nothing; reopening lets updates in again.
      const { events } = await changesDuring(t().store, () =>
        t().call(editor, "PUT", `/articles/${a.id}/live-coverage`, { ended: true }),
      );
      expect(events).toEqual([]);
      await t().call(editor, "PUT", `/articles/${a.id}/live-coverage`, { ended: false });
      const again = await t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
        body: [para("Recount ordered.")],
      });
      expect(again.statusCode).toBe(201);
      expect((await visit(`/articles/${a.slug}`)).body).toContain("Live</strong>");
    });

    it("refuses updates on an article that is not live, and bad input with the field named", async () => {
      const editor = await t().staff("editor");
      const news = await t().article({ status: "published" });
      const notLive = await t().call(editor, "POST", `/articles/${news.id}/live-updates`, {
        body: [para("Hello")],
      });
      expect(notLive.statusCode).toBe(409);
      expect(notLive.json().error.code).toBe("MH_NOT_LIVE");

      const a = await liveArticle();
      const bad = async (payload: unknown) => {
        const res = await t().call(editor, "POST", `/articles/${a.id}/live-updates`, payload);
        expect(res.statusCode).toBe(400);
        return res.json().error.issues.map((i: { path: string }) => i.path) as string[];
      };
      expect(await bad({ body: [] })).toEqual(["body"]);
      expect(await bad({})).toEqual(["body"]);
      expect(await bad({ body: [{ type: "paragraph" }] })).toContain("body.0.content");
      expect(await bad({ body: [para("x")], postedAt: "yesterday" })).toEqual(["postedAt"]);
      expect(await bad({ body: [para("x")], extra: 1 })).toEqual([""]);
      expect(
        await bad({ body: [para("x")], authorId: "00000000-0000-4000-8000-000000000000" }),
      ).toEqual(["authorId"]);
      expect(await bad({ body: Array.from({ length: 51 }, () => para("x")) })).toEqual(["body"]);

      const missing = await t().call(
        editor,
        "PATCH",
        `/articles/${a.id}/live-updates/00000000-0000-4000-8000-000000000000`,
        { pinned: true },
      );
      expect(missing.statusCode).toBe(404);
      // An update of another live article is not found through this one.
      const other = await liveArticle();
      const { update } = (
        await t().call(editor, "POST", `/articles/${other.id}/live-updates`, {
          body: [para("Elsewhere")],
        })
      ).json();
      expect(
        (await t().call(editor, "DELETE", `/articles/${a.id}/live-updates/${update.id}`))
          .statusCode,
      ).toBe(404);
    });

    it("needs publish rights on a published live article", async () => {
      const contributor = await t().staff("contributor");
      const a = await t().article({
        status: "published",
        authorId: contributor.personId,
        input: { type: "live" },
      });
      const res = await t().call(contributor, "POST", `/articles/${a.id}/live-updates`, {
        body: [para("Breaking")],
      });
      expect(res.statusCode).toBe(403);
    });

    describe("the event stream", () => {
      let base = "";
      beforeAll(async () => {
        await t().app.listen({ port: 0, host: "127.0.0.1" });
        base = `http://127.0.0.1:${(t().app.server.address() as AddressInfo).port}`;
      });
      const controllers: AbortController[] = [];
      afterAll(() => {
        for (const c of controllers) c.abort();
      });
      const open = async (path: string, headers: Record<string, string> = {}) => {
        const controller = new AbortController();
        controllers.push(controller);
        return fetch(`${base}${path}`, { headers, signal: controller.signal });
      };

      it("sends a reader a new update as it is posted, and a reconnecting one what it missed", async () => {
        const editor = await t().staff("editor");
        const a = await liveArticle();
        const res = await open(`/articles/${a.slug}/live-updates`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
        const body = res.body as ReadableStream<Uint8Array>;
        await readEvents(body, (e) => e.event === "sync");

        const posted = await t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
          body: [para("Live from the count.")],
        });
        const { update } = posted.json();
        const events = await readEvents(body, (e) => e.event === "update");
        const data = JSON.parse((events.at(-1) as { data: string }).data);
        expect(data.id).toBe(update.id);
        expect(data.html).toContain("Live from the count.");
        expect(data.html).toContain(`id="update-${update.id}"`);
        expect(events.at(-1)?.id).toBe(update.updatedAt);

        await t().call(editor, "DELETE", `/articles/${a.id}/live-updates/${update.id}`);
        const removed = await readEvents(body, (e) => e.event === "remove");
        expect(JSON.parse((removed.at(-1) as { data: string }).data)).toEqual({ id: update.id });

        await t().call(editor, "PUT", `/articles/${a.id}/live-coverage`, { ended: true });
        const state = await readEvents(body, (e) => e.event === "state");
        expect(JSON.parse((state.at(-1) as { data: string }).data)).toMatchObject({ ended: true });

        // A reader that saw nothing since before a posting gets it on reconnecting.
        await t().call(editor, "PUT", `/articles/${a.id}/live-coverage`, { ended: false });
        const since = new Date(Date.now() - 60_000).toISOString();
        await t().call(editor, "POST", `/articles/${a.id}/live-updates`, {
          body: [para("While you were away.")],
        });
        const again = await open(`/articles/${a.slug}/live-updates`, { "last-event-id": since });
        const caught = await readEvents(
          again.body as ReadableStream<Uint8Array>,
          (e) => e.event === "sync",
        );
        expect(caught.map((e) => e.event)).toEqual(["update", "sync"]);
        expect(caught[0]?.data).toContain("While you were away.");
        expect(JSON.parse((caught[1] as { data: string }).data)).toMatchObject({ ended: false });
      });

      it("ends every open stream when the server closes, rather than waiting for readers", async () => {
        const dataDir = await mkdtemp(path.join(tmpdir(), "mh-live-"));
        const config = loadConfig({
          MASTHEAD_DATA_DIR: dataDir,
          MASTHEAD_URL: "https://news.test",
        });
        const other = await buildServer({ config, store: t().store, logLevel: "silent" });
        await other.listen({ port: 0, host: "127.0.0.1" });
        const port = (other.server.address() as AddressInfo).port;
        const a = await liveArticle();
        const res = await fetch(`http://127.0.0.1:${port}/articles/${a.slug}/live-updates`);
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        await reader.read();
        await other.close();
        let done = false;
        while (!done) done = (await reader.read()).done;
        expect(done).toBe(true);
        await rm(dataDir, { recursive: true, force: true });
      });

      it("is 404 for an article that is not a published live one", async () => {
        const news = await t().article({ status: "published" });
        const draft = await liveArticle("draft");
        for (const slug of [news.slug, draft.slug, "no-such-article"]) {
          const res = await open(`/articles/${slug}/live-updates`);
          expect(res.status).toBe(404);
        }
      });
    });
  });
