// Sharing a draft through an expiring preview link, and update/correction notes on published
// articles, as readers see them.
import { describe, expect, it } from "vitest";
import { DATABASES } from "../../helpers/databases.js";
import { useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    const visit = (url: string) => t().app.inject({ method: "GET", url });
    const pathOf = (url: string) => new URL(url).pathname;

    describe("preview links", () => {
      it("show a draft with a banner, unindexed and uncached, at the public URL", async () => {
        const writer = await t().staff("contributor");
        const a = await t().article({
          authorId: writer.personId,
          input: { headline: "A draft nobody has seen" },
        });
        const res = await t().call(writer, "POST", `/articles/${a.id}/preview-links`, {});
        expect(res.statusCode).toBe(201);
        const { url, expiresAt } = res.json();
        expect(url).toMatch(/^https:\/\/news\.test\/preview\/[A-Za-z0-9_-]{43}$/);
        const hours = (new Date(expiresAt).getTime() - Date.now()) / 3_600_000;
        expect(hours).toBeGreaterThan(47.9);
        expect(hours).toBeLessThanOrEqual(48);

        const page = await visit(pathOf(url));
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain("A draft nobody has seen");
        expect(page.body).toContain("Preview — not published.");
        expect(page.body).toContain('<meta name="robots" content="noindex"/>');
        expect(page.body).not.toContain('rel="canonical"');
        expect(page.headers["cache-control"]).toBe("no-store");
        expect(page.headers["x-robots-tag"]).toBe("noindex, nofollow");
        expect(page.headers["referrer-policy"]).toBe("no-referrer");
        // The draft itself stays off the public site.
        expect((await visit(`/articles/${a.slug}`)).statusCode).toBe(404);
      });

      it("show the article as last saved", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const { url } = (
          await t().call(editor, "POST", `/articles/${a.id}/preview-links`, {})
        ).json();
        await t().call(editor, "PUT", `/articles/${a.id}`, {
          ...t().basics.articleInput({ slug: a.slug, headline: "Rewritten after sharing" }),
          version: a.version,
        });
        expect((await visit(pathOf(url))).body).toContain("Rewritten after sharing");
      });

      it("stop working once expired or revoked, and an unknown token is 404", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        const make = async () =>
          (
            await t().call(editor, "POST", `/articles/${a.id}/preview-links`, {
              expiresInHours: 1,
            })
          ).json() as { id: string; url: string };
        const expiring = await make();
        const revoked = await make();

        await t()
          .store.db.updateTable("preview_links")
          .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
          .where("id", "=", expiring.id)
          .execute();
        expect((await visit(pathOf(expiring.url))).statusCode).toBe(404);

        const listed = (await t().call(editor, "GET", `/articles/${a.id}/preview-links`)).json();
        expect(listed.items.map((l: { id: string }) => l.id)).toEqual([revoked.id]);
        expect(listed.items[0]).not.toHaveProperty("token");
        const del = await t().call(
          editor,
          "DELETE",
          `/articles/${a.id}/preview-links/${revoked.id}`,
        );
        expect(del.statusCode).toBe(204);
        expect((await visit(pathOf(revoked.url))).statusCode).toBe(404);

        expect((await visit(`/preview/${"A".repeat(43)}`)).statusCode).toBe(404);
        expect((await visit("/preview/short")).statusCode).toBe(404);
      });

      it("last from 1 to 168 hours", async () => {
        const editor = await t().staff("editor");
        const a = await t().article();
        for (const expiresInHours of [0, 169, 1.5, "2"]) {
          const res = await t().call(editor, "POST", `/articles/${a.id}/preview-links`, {
            expiresInHours,
          });
          expect(res.statusCode).toBe(400);
          expect(res.json().error.issues[0].path).toBe("expiresInHours");
        }
      });
    });

    describe("update and correction notes", () => {
      it("appear on the public article page with their kind and time", async () => {
        const editor = await t().staff("editor");
        const a = await t().article({ status: "published" });
        expect((await visit(`/articles/${a.slug}`)).body).not.toContain("Correction");

        const res = await t().call(editor, "POST", `/articles/${a.id}/corrections`, {
          kind: "correction",
          note: "An earlier version gave the vote as 6 to 3. It was 5 to 4.",
        });
        expect(res.statusCode).toBe(201);
        const { correction } = res.json();
        expect(correction).toMatchObject({
          kind: "correction",
          createdBy: { name: editor.user.name },
        });
        await t().call(editor, "POST", `/articles/${a.id}/corrections`, {
          kind: "update",
          note: "The mayor has <b>responded</b>.",
        });

        const page = await visit(`/articles/${a.slug}`);
        expect(page.body).toContain("<strong>Correction</strong>");
        expect(page.body).toContain(`<time datetime="${correction.createdAt}">`);
        expect(page.body).toContain("An earlier version gave the vote as 6 to 3. It was 5 to 4.");
        expect(page.body).toContain("<strong>Update</strong>");
        // Notes are plain text: markup in them is shown, not obeyed.
        expect(page.body).toContain("The mayor has &lt;b>responded&lt;/b>.");

        const read = (await t().call(editor, "GET", `/articles/${a.id}`)).json();
        expect(read.corrections.map((c: { kind: string }) => c.kind)).toEqual([
          "correction",
          "update",
        ]);
      });

      it("go on published articles only, with a kind and a note", async () => {
        const editor = await t().staff("editor");
        const draft = await t().article();
        const onDraft = await t().call(editor, "POST", `/articles/${draft.id}/corrections`, {
          kind: "update",
          note: "Too early.",
        });
        expect(onDraft.statusCode).toBe(409);
        const published = await t().article({ status: "published" });
        const bad = await t().call(editor, "POST", `/articles/${published.id}/corrections`, {
          kind: "erratum",
          note: " ",
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
          "kind",
          "note",
        ]);
      });
    });
  });
