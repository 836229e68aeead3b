// Only editors and owners change other people on a byline: a byline is what "own article"
// rights hang on, so a writer adding a colleague would hand them those rights (issue 12, point 9).
import { describe, expect, it } from "vitest";
import { createPerson } from "../../../src/store/index.js";
import { DATABASES } from "../../helpers/databases.js";
import { personInput } from "../../helpers/fixtures.js";
import { type Staff, useContentApp } from "./app.js";

for (const db of DATABASES)
  describe(db.name, () => {
    const t = useContentApp(db);
    let n = 0;
    const colleague = async () => {
      n += 1;
      return (await createPerson(t().store, personInput({ name: `Colleague ${n}` }))).id;
    };
    const save = async (who: Staff, id: string, authorIds: string[]) => {
      const { article, version } = (await t().call(who, "GET", `/articles/${id}`)).json();
      const {
        id: _id,
        status: _s,
        publishedAt: _p,
        createdAt: _c,
        updatedAt: _u,
        ...rest
      } = article;
      return t().call(who, "PUT", `/articles/${id}`, { ...rest, authorIds, version });
    };
    let reader: Promise<Staff> | undefined;
    const authorsOf = async (id: string) => {
      reader ??= t().staff("editor");
      return (await t().call(await reader, "GET", `/articles/${id}`)).json().article.authorIds;
    };

    for (const role of ["contributor", "author"] as const) {
      const a = role === "author" ? "an" : "a";
      it(`${a} ${role} cannot start an article with someone else on the byline`, async () => {
        const writer = await t().staff(role);
        const other = await colleague();
        const { authorIds: _a, ...input } = t().basics.articleInput();
        const res = await t().call(writer, "POST", "/articles", {
          ...input,
          authorIds: [writer.personId, other],
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toMatchObject({ code: "MH_FORBIDDEN" });
        expect(res.json().error.message).toContain("only editors and owners");
        const own = await t().call(writer, "POST", "/articles", {
          ...input,
          authorIds: [writer.personId],
        });
        expect(own.statusCode).toBe(201);
      });

      it(`${a} ${role} cannot add a colleague to their own draft, nor drop one from a shared draft`, async () => {
        const writer = await t().staff(role);
        const other = await colleague();
        const mine = await t().article({ authorId: writer.personId });
        const add = await save(writer, mine.id, [writer.personId, other]);
        expect(add.statusCode).toBe(403);
        expect(await authorsOf(mine.id)).toEqual([writer.personId]);

        const shared = await t().article({
          authorId: writer.personId,
          input: { authorIds: [other, writer.personId] },
        });
        const drop = await save(writer, shared.id, [writer.personId]);
        expect(drop.statusCode).toBe(403);
        expect(await authorsOf(shared.id)).toEqual([other, writer.personId]);
        // Keeping the byline as it is, the writer saves as usual.
        expect((await save(writer, shared.id, [other, writer.personId])).statusCode).toBe(200);
      });
    }

    it("an author cannot add a colleague to their own published article", async () => {
      const writer = await t().staff("author");
      const other = await colleague();
      const a = await t().article({ authorId: writer.personId, status: "published" });
      expect((await save(writer, a.id, [writer.personId, other])).statusCode).toBe(403);
      expect(await authorsOf(a.id)).toEqual([writer.personId]);
    });

    it("a contributor cannot bring a colleague back by restoring an old revision", async () => {
      const writer = await t().staff("contributor");
      const editor = await t().staff("editor");
      const other = await colleague();
      const { authorIds: _a, ...input } = t().basics.articleInput();
      const created = await t().call(editor, "POST", "/articles", {
        ...input,
        authorIds: [writer.personId, other],
      });
      const a = created.json().article as { id: string };
      const revisions = (await t().call(editor, "GET", `/articles/${a.id}/revisions`)).json();
      const first = revisions.items.at(-1).id;
      expect((await save(editor, a.id, [writer.personId])).statusCode).toBe(200);
      const { version } = (await t().call(writer, "GET", `/articles/${a.id}`)).json();
      const res = await t().call(writer, "POST", `/articles/${a.id}/revisions/${first}/restore`, {
        version,
      });
      expect(res.statusCode).toBe(403);
      expect(await authorsOf(a.id)).toEqual([writer.personId]);
    });

    for (const role of ["editor", "owner"] as const)
      it(`an ${role} adds and removes anyone`, async () => {
        const boss = await t().staff(role);
        const [one, two] = [await colleague(), await colleague()];
        const a = await t().article({ authorId: one });
        expect((await save(boss, a.id, [one, two])).statusCode).toBe(200);
        expect((await save(boss, a.id, [two])).statusCode).toBe(200);
        expect(await authorsOf(a.id)).toEqual([two]);
      });
  });
