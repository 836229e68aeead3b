// Preview links die with what made them shareable: the article taken down or deleted, or the
// account that shared them disabled (issue 12, point 5).
import { describe, expect, it } from "vitest";
import { DATABASES } from "../../helpers/databases.js";
import { type Staff, useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    const visit = (url: string) => t().app.inject({ method: "GET", url: new URL(url).pathname });
    const share = async (who: Staff, articleId: string) => {
      const res = await t().call(who, "POST", `/articles/${articleId}/preview-links`, {});
      expect(res.statusCode).toBe(201);
      return res.json() as { id: string; url: string };
    };
    const move = async (who: Staff, articleId: string, to: string) => {
      const { version } = (await t().call(who, "GET", `/articles/${articleId}`)).json();
      const res = await t().call(who, "POST", `/articles/${articleId}/transitions`, {
        to,
        version,
      });
      expect(res.statusCode).toBe(200);
    };

    it("unpublishing an article kills its links, and moving it back to draft does not revive them", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "published" });
      const link = await share(editor, a.id);
      expect((await visit(link.url)).statusCode).toBe(200);

      await move(editor, a.id, "unpublished");
      expect((await visit(link.url)).statusCode).toBe(404);
      const listed = (await t().call(editor, "GET", `/articles/${a.id}/preview-links`)).json();
      expect(listed.items).toEqual([]);

      await move(editor, a.id, "draft");
      expect((await visit(link.url)).statusCode).toBe(404);
      // A link made for the reworked draft works as usual.
      expect((await visit((await share(editor, a.id)).url)).statusCode).toBe(200);
    });

    it("no link is made for an unpublished article (409)", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "unpublished" });
      const res = await t().call(editor, "POST", `/articles/${a.id}/preview-links`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("MH_CONFLICT");
    });

    it("an article unpublished by another path (no API call) is not opened by its old links", async () => {
      const editor = await t().staff("editor");
      const a = await t().article({ status: "published" });
      const link = await share(editor, a.id);
      await t()
        .store.db.updateTable("articles")
        .set({ status: "unpublished" })
        .where("id", "=", a.id)
        .execute();
      expect((await visit(link.url)).statusCode).toBe(404);
    });

    it("deleting an article deletes its links", async () => {
      const editor = await t().staff("editor");
      const a = await t().article();
      const link = await share(editor, a.id);
      expect((await t().call(editor, "DELETE", `/articles/${a.id}`)).statusCode).toBe(204);
      expect((await visit(link.url)).statusCode).toBe(404);
      const rows = await t()
        .store.db.selectFrom("preview_links")
        .select("id")
        .where("id", "=", link.id)
        .execute();
      expect(rows).toEqual([]);
    });

    it("disabling an account kills the links it made, not other people's, and re-enabling does not revive them", async () => {
      const owner = await t().staff("owner");
      const leaver = await t().staff("editor");
      const stayer = await t().staff("editor");
      const a = await t().article();
      const leaversLink = await share(leaver, a.id);
      const stayersLink = await share(stayer, a.id);

      const disable = (disabled: boolean) =>
        t().call(owner, "PATCH", `/users/${leaver.user.id}`, { disabled });
      expect((await disable(true)).statusCode).toBe(200);
      expect((await visit(leaversLink.url)).statusCode).toBe(404);
      expect((await visit(stayersLink.url)).statusCode).toBe(200);

      expect((await disable(false)).statusCode).toBe(200);
      expect((await visit(leaversLink.url)).statusCode).toBe(404);
    });

    it("an account disabled by another path (no API call) opens no link it made", async () => {
      const editor = await t().staff("editor");
      const a = await t().article();
      const link = await share(editor, a.id);
      await t()
        .store.db.updateTable("users")
        .set({ disabled_at: new Date().toISOString() })
        .where("id", "=", editor.user.id)
        .execute();
      expect((await visit(link.url)).statusCode).toBe(404);
    });
  });
