// The real app on a fresh database for the content API's HTTP tests, with what articles need
// (a section, a person, an image) and signed-in staff of every role.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { ArticleInput, Role } from "../../../src/content/index.js";
import { buildServer } from "../../../src/server.js";
import {
  createArticle,
  createPerson,
  type Store,
  transitionArticle,
} from "../../../src/store/index.js";
import { type SignedIn, signIn } from "../../helpers/auth.js";
import type { TestDatabase } from "../../helpers/databases.js";
import { type Basics, personInput, seedBasics } from "../../helpers/fixtures.js";

/** Where the admin API lives. */
export const API = "/api/admin/v1";

/** A signed-in member of staff with the Person their account writes as. */
export interface Staff extends SignedIn {
  role: Role;
  personId: string;
}

export interface ContentApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  basics: Basics;
  /** Signs in a new account with `role`, linked to a new Person. */
  staff(role: Role): Promise<Staff>;
  /** Sends a JSON request to the admin API as `who` (cookie and CSRF token), or anonymously. */
  call(
    who: SignedIn | undefined,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /**
   * Creates an article straight in the store, by `authorId` (default: the basics' person), and
   * moves it to `status` through the workflow. Returns its id and version.
   */
  article(opts?: {
    authorId?: string;
    status?: "draft" | "in_review" | "scheduled" | "published" | "unpublished";
    input?: Partial<ArticleInput>;
  }): Promise<{ id: string; version: number; slug: string }>;
}

/** Starts the app on a fresh `db` for the enclosing describe block. */
export function useContentApp(db: TestDatabase): () => ContentApp {
  let current: ContentApp | undefined;
  let closeAll: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const store = await db.open();
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-content-"));
    const config = loadConfig({ MASTHEAD_DATA_DIR: dataDir, MASTHEAD_URL: "https://news.test" });
    const app = await buildServer({ config, store, logLevel: "silent" });
    await app.ready();
    const basics = await seedBasics(store);
    closeAll = async () => {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    current = {
      app,
      store,
      dataDir,
      basics,
      async staff(role) {
        const person = await createPerson(store, personInput({ name: `A ${role}` }));
        const signedIn = await signIn(app, store, role, { personId: person.id });
        return { ...signedIn, role, personId: person.id };
      },
      call(who, method, url, payload) {
        return app.inject({
          method,
          url: API + url,
          headers: who?.headers ?? {},
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
      },
      async article({ authorId, status = "draft", input = {} } = {}) {
        const created = await createArticle(
          store,
          basics.articleInput({ authorIds: [authorId ?? basics.person.id], ...input }),
        );
        let version = 1;
        const actor = { userId: null, name: "Test setup" };
        const move = async (to: "in_review" | "scheduled" | "published" | "unpublished") => {
          const publishedAt =
            to === "scheduled" ? new Date(Date.now() + 86_400_000).toISOString() : undefined;
          version = (
            await transitionArticle(store, created.id, {
              to,
              publishedAt,
              expectedVersion: version,
              actor,
            })
          ).version;
        };
        if (status === "in_review") await move("in_review");
        if (status === "scheduled") await move("scheduled");
        if (status === "published") await move("published");
        if (status === "unpublished") {
          await move("published");
          await move("unpublished");
        }
        return { id: created.id, version, slug: created.slug };
      },
    };
  });
  afterAll(async () => {
    await closeAll?.();
  });
  return () => {
    if (!current) throw new Error("useContentApp: the app exists only inside a test");
    return current;
  };
}
