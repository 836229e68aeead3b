// People, sections, tags, trackers with their entries, and the comments list: what the editor's
// pickers read and what editors manage.
import { describe, expect, it } from "vitest";
import { addComment, createTracker, getPersonById } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { personInput, sectionInput, tagInput, trackerInput } from "../../helpers/fixtures.js";
import { useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);

    describe("people", () => {
      it("are created at version 1, read with their version and saved at it", async () => {
        const editor = await t().staff("editor");
        const created = await t().call(editor, "POST", "/people", personInput({ name: "Ida" }));
        expect(created.statusCode).toBe(201);
        const { person, version } = created.json();
        expect(version).toBe(1);
        const read = (await t().call(editor, "GET", `/people/${person.id}`)).json();
        expect(read).toEqual({ person, version: 1 });

        const saved = await t().call(editor, "PUT", `/people/${person.id}`, {
          ...personInput({ slug: person.slug, name: "Ida B." }),
          version: 1,
        });
        expect(saved.json()).toMatchObject({ person: { name: "Ida B." }, version: 2 });
        const stale = await t().call(editor, "PUT", `/people/${person.id}`, {
          ...personInput({ slug: person.slug, name: "Overwritten" }),
          version: 1,
        });
        expect(stale.statusCode).toBe(409);
        expect(stale.json().error.code).toBe("MH_STALE");
        expect((await getPersonById(t().store, person.id))?.name).toBe("Ida B.");
      });

      it("refuses a bad person with field paths, a taken slug with 409, unknown ids with 404", async () => {
        const editor = await t().staff("editor");
        const bad = await t().call(editor, "POST", "/people", { slug: "Not A Slug", name: "" });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual([
          "slug",
          "name",
        ]);
        const taken = await t().call(
          editor,
          "POST",
          "/people",
          personInput({ slug: t().basics.person.slug }),
        );
        expect(taken.statusCode).toBe(409);
        expect(taken.json().error.code).toBe("MH_CONFLICT");
        // The editor shows the message beside the field it names.
        expect(taken.json().error.issues).toEqual([
          {
            path: "slug",
            message: `slug '${t().basics.person.slug}' is already taken; choose another`,
          },
        ]);
        const missing = "00000000-0000-4000-8000-00000000dead";
        expect((await t().call(editor, "GET", `/people/${missing}`)).statusCode).toBe(404);
        const put = await t().call(editor, "PUT", `/people/${missing}`, {
          ...personInput(),
          version: 1,
        });
        expect(put.statusCode).toBe(404);
      });

      it("are listed for every writer's byline picker", async () => {
        const writer = await t().staff("contributor");
        const { items, total } = (await t().call(writer, "GET", "/people")).json();
        expect(total).toBe(items.length);
        expect(items.map((p: { id: string }) => p.id)).toContain(writer.personId);
      });
    });

    describe("sections and tags", () => {
      it("create, read, rename and list", async () => {
        const editor = await t().staff("editor");
        const section = (await t().call(editor, "POST", "/sections", sectionInput())).json()
          .section;
        const renamed = await t().call(editor, "PUT", `/sections/${section.id}`, {
          ...sectionInput({ slug: section.slug, name: "World" }),
        });
        expect(renamed.json().section).toMatchObject({ id: section.id, name: "World" });
        expect((await t().call(editor, "GET", `/sections/${section.id}`)).json().section.name).toBe(
          "World",
        );

        const tag = (await t().call(editor, "POST", "/tags", tagInput())).json().tag;
        const retagged = await t().call(editor, "PUT", `/tags/${tag.id}`, {
          slug: tag.slug,
          name: "Elections",
        });
        expect(retagged.json().tag).toEqual({ id: tag.id, slug: tag.slug, name: "Elections" });
        const tags = (await t().call(editor, "GET", "/tags")).json();
        expect(tags.items.map((x: { id: string }) => x.id)).toContain(tag.id);
      });

      it("refuse a section inside itself, and a refreshed nav after a rename", async () => {
        const editor = await t().staff("editor");
        const section = (
          await t().call(editor, "POST", "/sections", sectionInput({ name: "Politics" }))
        ).json().section;
        const loop = await t().call(editor, "PUT", `/sections/${section.id}`, {
          ...sectionInput({ slug: section.slug, name: "Politics" }),
          parentId: section.id,
        });
        expect(loop.statusCode).toBe(400);
        expect(loop.json().error.issues[0].path).toBe("parentId");

        const home = () => t().app.inject({ method: "GET", url: "/" });
        expect((await home()).body).toContain("Politics");
        await t().call(editor, "PUT", `/sections/${section.id}`, {
          ...sectionInput({ slug: section.slug, name: "Government" }),
        });
        expect((await home()).body).toContain("Government");
      });
    });

    describe("trackers", () => {
      it("are created with entries, retitled, and their entries added, changed and removed", async () => {
        const editor = await t().staff("editor");
        const created = await t().call(editor, "POST", "/trackers", trackerInput(2));
        expect(created.statusCode).toBe(201);
        const tracker = created.json().tracker;
        expect(tracker.entries).toHaveLength(2);

        const retitled = await t().call(editor, "PUT", `/trackers/${tracker.id}`, {
          slug: tracker.slug,
          title: "Every pardon, updated",
        });
        expect(retitled.json().tracker).toMatchObject({ title: "Every pardon, updated" });

        const added = await t().call(editor, "POST", `/trackers/${tracker.id}/entries`, {
          title: "A third pardon",
          occurredOn: "2025-03-01",
        });
        expect(added.statusCode).toBe(201);
        expect(added.json().entry).toMatchObject({ position: 2, title: "A third pardon" });

        const entryId = tracker.entries[0].id;
        const patched = await t().call(
          editor,
          "PATCH",
          `/trackers/${tracker.id}/entries/${entryId}`,
          { summary: "Corrected summary", sourceUrl: null },
        );
        expect(patched.statusCode).toBe(200);
        expect(patched.json().entry).toMatchObject({
          id: entryId,
          title: "Entry 1",
          summary: "Corrected summary",
        });
        expect(patched.json().entry).not.toHaveProperty("sourceUrl");

        const badPatch = await t().call(
          editor,
          "PATCH",
          `/trackers/${tracker.id}/entries/${entryId}`,
          { occurredOn: "March", colour: "red" },
        );
        expect(badPatch.statusCode).toBe(400);
        expect(badPatch.json().error.message).toContain("colour");
        expect(badPatch.json().error.issues.map((i: { path: string }) => i.path)).toContain(
          "occurredOn",
        );

        const removed = await t().call(
          editor,
          "DELETE",
          `/trackers/${tracker.id}/entries/${tracker.entries[1].id}`,
        );
        expect(removed.statusCode).toBe(204);
        const now = (await t().call(editor, "GET", `/trackers/${tracker.id}`)).json().tracker;
        expect(now.entries.map((e: { title: string }) => e.title)).toEqual([
          "Entry 1",
          "A third pardon",
        ]);
        const list = (await t().call(editor, "GET", "/trackers")).json();
        expect(list.items.find((x: { id: string }) => x.id === tracker.id)).toMatchObject({
          entryCount: 2,
        });
      });

      it("answer 404 for an entry of another tracker", async () => {
        const editor = await t().staff("editor");
        const one = await createTracker(t().store, trackerInput(1));
        const other = await createTracker(t().store, trackerInput(0));
        const res = await t().call(
          editor,
          "DELETE",
          `/trackers/${other.id}/entries/${one.entries[0]?.id}`,
        );
        expect(res.statusCode).toBe(404);
      });
    });

    describe("comments", () => {
      it("are listed newest first across articles, filtered by article and status", async () => {
        const editor = await t().staff("editor");
        const author = await t().staff("author");
        const a = await t().article({ status: "published" });
        await addComment(t().store, {
          articleId: a.id,
          authorName: "Ana",
          authorEmail: "ana@example.org",
          body: "First",
        });
        await addComment(t().store, { articleId: a.id, authorName: "Bo", body: "Second" });
        const res = await t().call(editor, "GET", `/comments?articleId=${a.id}&status=approved`);
        expect(res.statusCode).toBe(200);
        const { items, total } = res.json();
        expect(total).toBe(2);
        expect(items.map((c: { body: string }) => c.body)).toEqual(["Second", "First"]);
        expect(items[1]).toMatchObject({
          authorEmail: "ana@example.org",
          article: { id: a.id, slug: a.slug },
        });
        // Authors read comments; readers' email addresses are for moderators only.
        const asAuthor = (await t().call(author, "GET", `/comments?articleId=${a.id}`)).json();
        expect(asAuthor.items[1].authorEmail).toBeNull();
        expect((await t().call(editor, "GET", "/comments?status=lost")).statusCode).toBe(400);
      });
    });
  });
