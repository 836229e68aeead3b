// Onboarding a newcomer: an invitation (with the name the owner chose) accepted gives the account
// its byline person, and the newcomer can save a first draft at once, whatever their role.
import { describe, expect, it } from "vitest";
import { createPerson, createUser } from "../../../src/store/index.js";
import { sessionCookie, signIn, TEST_PASSWORD } from "../../helpers/auth.js";
import { DATABASES } from "../../helpers/databases.js";
import { personInput, uniqueSlug } from "../../helpers/fixtures.js";
import { API, useContentApp } from "./app.js";

const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;

for (const db of DATABASES)
  describe(`onboarding (${db.name})`, () => {
    const t = useContentApp(db);

    /** Invites `email` as `role` (with `name` when given) and accepts with `accept`. */
    async function invitedAndAccepted(
      role: string,
      invitation: { name?: string },
      accept: { name?: string },
    ) {
      const owner = await signIn(t().app, t().store, "owner");
      const email = `${uniqueSlug("newcomer")}@example.org`;
      const invited = await t().call(owner, "POST", "/invitations", { email, role, ...invitation });
      expect(invited.statusCode).toBe(201);
      const res = await t().app.inject({
        method: "POST",
        url: `${API}/invitations/accept`,
        payload: { token: tokenOf(invited.json().url), password: TEST_PASSWORD, ...accept },
      });
      return { res, owner };
    }

    /** The headers of the session an accepted invitation started. */
    const headersOf = (res: { headers: Record<string, unknown>; json(): unknown }) => ({
      cookie: sessionCookie(res.headers["set-cookie"] as string[]),
      "x-csrf-token": (res.json() as { csrfToken: string }).csrfToken,
    });

    it("an invitation with a name, accepted without one, makes the account with that name and a new byline person; a first draft saves at once", async () => {
      const name = `Nadia Okafor ${uniqueSlug("n")}`;
      const { res } = await invitedAndAccepted("contributor", { name }, {});
      expect(res.statusCode).toBe(201);
      const user = res.json().user;
      expect(user.name).toBe(name);
      expect(user.personId).toEqual(expect.any(String));
      const headers = headersOf(res);
      const byline = await t().app.inject({ method: "GET", url: `${API}/me/byline`, headers });
      expect(byline.statusCode).toBe(200);
      expect(byline.json()).toMatchObject({ id: user.personId, name, version: 1 });

      const { authorIds: _a, ...draft } = t().basics.articleInput({ headline: "My first story" });
      const saved = await t().app.inject({
        method: "POST",
        url: `${API}/articles`,
        headers,
        payload: draft,
      });
      expect(saved.statusCode).toBe(201);
      expect(saved.json().article.authorIds).toEqual([user.personId]);
    });

    it("role title and bio asked on first sign-in are saved on the byline, at the version read", async () => {
      const { res } = await invitedAndAccepted("author", {}, { name: "Sam Reporter" });
      const headers = headersOf(res);
      const put = (payload: object) =>
        t().app.inject({ method: "PUT", url: `${API}/me/byline`, headers, payload });
      expect((await put({ roleTitle: "Reporter", bio: "Covers the city." })).statusCode).toBe(409);
      const saved = await put({ roleTitle: "Reporter", bio: "Covers the city.", version: 1 });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({
        name: "Sam Reporter",
        roleTitle: "Reporter",
        bio: "Covers the city.",
        version: 2,
      });
      expect((await put({ roleTitle: "Editor", version: 1 })).statusCode).toBe(409);
    });

    it("the invitation's name links the unlinked person of that name (an imported author); a name the newcomer typed never does", async () => {
      const name = `Imported Author ${uniqueSlug("i")}`;
      const imported = await createPerson(t().store, personInput({ name }));
      const typed = await invitedAndAccepted("author", {}, { name });
      expect(typed.res.statusCode).toBe(201);
      expect(typed.res.json().user.personId).not.toBe(imported.id);
      const named = await invitedAndAccepted("author", { name }, {});
      expect(named.res.json().user.personId).toBe(imported.id);
      // Linked now: a second invitation with the same name gets a person of its own.
      const again = await invitedAndAccepted("author", { name }, {});
      expect(again.res.json().user.personId).not.toBe(imported.id);
    });

    it("accepting without a name when the invitation has none is 400 at name, and the link stays usable", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const email = `${uniqueSlug("nameless")}@example.org`;
      const invited = await t().call(owner, "POST", "/invitations", { email, role: "author" });
      const token = tokenOf(invited.json().url);
      const accept = (payload: object) =>
        t().app.inject({ method: "POST", url: `${API}/invitations/accept`, payload });
      const refused = await accept({ token, password: TEST_PASSWORD });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.issues).toEqual([{ path: "name", message: "name is required" }]);
      expect((await accept({ token, password: TEST_PASSWORD, name: "Named" })).statusCode).toBe(
        201,
      );
    });

    it("an owner gives an account without a byline one; a second time is 409, and others may not", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const editor = await signIn(t().app, t().store, "editor");
      const account = await createUser(
        t().store,
        {
          email: `${uniqueSlug("old")}@example.org`,
          name: "Old Hand",
          role: "author",
          personId: null,
        },
        null,
      );
      expect((await t().call(editor, "POST", `/users/${account.id}/byline`)).statusCode).toBe(403);
      const made = await t().call(owner, "POST", `/users/${account.id}/byline`);
      expect(made.statusCode).toBe(201);
      expect(made.json().user.personId).toBe(made.json().person.id);
      expect(made.json().person.name).toBe("Old Hand");
      expect((await t().call(owner, "POST", `/users/${account.id}/byline`)).statusCode).toBe(409);
    });

    it("accepting an invitation asks the byline (askByline) unless the linked person has a role title or bio", async () => {
      const fresh = await invitedAndAccepted("author", {}, { name: "Fresh Face" });
      expect(fresh.res.json().askByline).toBe(true);
      const name = `Known Author ${uniqueSlug("k")}`;
      await createPerson(t().store, personInput({ name, roleTitle: "Columnist", bio: "" }));
      const known = await invitedAndAccepted("author", { name }, {});
      expect(known.res.json().user.personId).toEqual(expect.any(String));
      expect(known.res.json().askByline).toBe(false);
    });

    it("an account made with a set-password link is asked its byline on that first sign-in, not on a later reset", async () => {
      const owner = await signIn(t().app, t().store, "owner");
      const email = `${uniqueSlug("made")}@example.org`;
      const made = await t().call(owner, "POST", "/users", {
        email,
        name: "Made Here",
        role: "author",
      });
      expect(made.statusCode).toBe(201);
      const { user, setPasswordLink } = made.json();
      const setPassword = (url: string, password: string) =>
        t().app.inject({
          method: "POST",
          url: `${API}/password-reset`,
          payload: { token: tokenOf(url), password },
        });
      const first = await setPassword(setPasswordLink.url, TEST_PASSWORD);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        user: { id: user.id, personId: null },
        askByline: true,
      });
      // Answering makes the byline; the session's user then has it.
      const headers = headersOf(first);
      const answered = await t().app.inject({
        method: "PUT",
        url: `${API}/me/byline`,
        headers,
        payload: { roleTitle: "Reporter", bio: "" },
      });
      expect(answered.statusCode).toBe(200);
      const session = await t().app.inject({ method: "GET", url: `${API}/session`, headers });
      expect(session.json().user.personId).toBe(answered.json().id);

      // A password forgotten later is not a first sign-in, even with an unanswered byline.
      const later = await signIn(t().app, t().store, "author", { name: "Old Timer" });
      for (const who of [user.id, later.user.id]) {
        const reset = await t().call(owner, "POST", `/users/${who}/reset-link`);
        const again = await setPassword(reset.json().url, `${TEST_PASSWORD} again`);
        expect(again.statusCode).toBe(200);
        expect(again.json().askByline).toBe(false);
      }
    });

    it("an account without a byline makes one by saving its own role title", async () => {
      const bare = await signIn(t().app, t().store, "contributor", { name: "Bare Bones" });
      expect((await t().call(bare, "GET", "/me/byline")).json()).toBeNull();
      const saved = await t().call(bare, "PUT", "/me/byline", { roleTitle: "Intern" });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ name: "Bare Bones", roleTitle: "Intern", version: 1 });
      const session = await t().call(bare, "GET", "/session");
      expect(session.json().user.personId).toBe(saved.json().id);
    });
  });
