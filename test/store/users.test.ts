import { describe, expect, it } from "vitest";
import {
  consumeOneTimeToken,
  countUsers,
  createOneTimeToken,
  createUser,
  getUserByEmail,
  getUserCredentials,
  LastOwnerError,
  updateUser,
} from "../../src/store/index.js";
import { DATABASES, useFreshStore } from "../helpers/databases.js";
import { issuePaths, rejectionOf } from "../helpers/errors.js";

const account = (email: string, role: "owner" | "editor" = "owner") => ({
  email,
  name: email,
  role,
});

for (const db of DATABASES)
  describe(`accounts store (${db.name})`, () => {
    const store = useFreshStore(db);

    it("stores emails lower-cased, so they are unique case-blind", async () => {
      await createUser(store(), account("Ana@Example.org"), null);
      expect((await getUserByEmail(store(), "ANA@example.ORG"))?.email).toBe("ana@example.org");
      const error = await rejectionOf(createUser(store(), account("ana@EXAMPLE.org"), null));
      expect(error.code).toBe("MH_CONFLICT");
      expect(await countUsers(store())).toBe(1);
    });

    it("refuses a byline that names no person, with its path", async () => {
      const error = await rejectionOf(
        createUser(
          store(),
          { ...account("b@example.org"), personId: "00000000-0000-4000-8000-000000000000" },
          null,
        ),
      );
      expect(issuePaths(error)).toEqual(["personId"]);
    });

    it("keeps the password hash out of the account and hands it only to sign-in", async () => {
      const user = await createUser(
        store(),
        account("c@example.org"),
        "scrypt$15$8$1$c2FsdA==$a2V5",
      );
      expect(user).not.toHaveProperty("passwordHash");
      expect((await getUserCredentials(store(), "C@example.org"))?.passwordHash).toBe(
        "scrypt$15$8$1$c2FsdA==$a2V5",
      );
    });

    it("of two owners demoting each other at the same moment, exactly one succeeds", async () => {
      const a = await createUser(store(), account("a@example.org"), null);
      const b = await createUser(store(), account("b@example.org"), null);
      const results = await Promise.allSettled([
        updateUser(store(), a.id, { role: "editor" }),
        updateUser(store(), b.id, { disabled: true }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(LastOwnerError);
    });

    it("a disabled owner does not count as the remaining owner", async () => {
      const a = await createUser(store(), account("a@example.org"), null);
      const b = await createUser(store(), account("b@example.org"), null);
      await updateUser(store(), b.id, { disabled: true });
      expect(await rejectionOf(updateUser(store(), a.id, { role: "editor" }))).toBeInstanceOf(
        LastOwnerError,
      );
    });

    it("a one-time token is used once, even by two requests at the same moment", async () => {
      await createOneTimeToken(store(), {
        tokenHash: "h1",
        kind: "invite",
        email: "n@example.org",
        role: "author",
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const results = await Promise.all([
        consumeOneTimeToken(store(), "h1", "invite"),
        consumeOneTimeToken(store(), "h1", "invite"),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await consumeOneTimeToken(store(), "h1", "invite")).toBeUndefined();
    });

    it("a one-time token is only good for its own kind", async () => {
      await createOneTimeToken(store(), {
        tokenHash: "h2",
        kind: "invite",
        email: "n@example.org",
        role: "author",
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      expect(await consumeOneTimeToken(store(), "h2", "reset")).toBeUndefined();
      expect(await consumeOneTimeToken(store(), "h2", "invite")).toMatchObject({
        email: "n@example.org",
      });
    });
  });
