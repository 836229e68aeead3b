// The real app on a fresh, empty database for the route table's tests (test/api/route-table.ts):
// the import worker opens the same database from the configuration, and what every recipe
// needs (a section, a person, an image, an owner who can set the scene) is made on demand.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { MediaItem, Role } from "../../src/content/index.js";
import { mediaDirOf } from "../../src/media/index.js";
import { buildServer } from "../../src/server.js";
import {
  createArticle,
  createMedia,
  createPerson,
  type Store,
  transitionArticle,
} from "../../src/store/index.js";
import { type SignedIn, signIn } from "../helpers/auth.js";
import type { TestDatabase } from "../helpers/databases.js";
import { type Basics, mediaInput, personInput, seedBasics } from "../helpers/fixtures.js";

/** Where the admin API lives. */
export const API = "/api/admin/v1";

/** A signed-in member of staff with the Person their account writes as. */
export interface Staff extends SignedIn {
  role: Role;
  personId: string;
}

/** One request, as a recipe builds it. */
export interface Call {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The full path, prefix included. */
  url: string;
  /** JSON unless `headers` name another content type (then a string or Buffer). */
  payload?: unknown;
  headers?: Record<string, string>;
  /**
   * Sent as this session instead of the caller's (same role): for calls that end the session
   * they are made with (signing out).
   */
  as?: SignedIn;
}

export interface RouteApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  /** Made on first use, after the first owner exists (see `useRouteApp`). */
  basics(): Promise<Basics>;
  /** Signs in a new account with `role`, linked to a new Person. */
  staff(role: Role): Promise<Staff>;
  /** An owner for recipes that set the scene through the API (an invitation, a key). */
  owner(): Promise<Staff>;
  /** Sends `call` as `who` (cookie and CSRF token), or signed out. */
  send(who: SignedIn | undefined, call: Call): Promise<LightMyRequestResponse>;
  /** A media item straight in the store, with a file behind it (the export reads every one). */
  media(uploadedBy?: string): Promise<MediaItem>;
  /** Creates an article straight in the store by `authorId` (default: the basics' person). */
  article(opts?: {
    authorId?: string;
    status?: "draft" | "in_review" | "published";
  }): Promise<{ id: string; version: number; slug: string }>;
}

/** Starts the app on a fresh, empty `db` (no account yet) for the enclosing describe block. */
export function useRouteApp(db: TestDatabase): () => RouteApp {
  let current: RouteApp | undefined;
  let closeAll: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { store, config: database } = await db.openShared();
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-routes-"));
    const config = loadConfig({
      MASTHEAD_DATA_DIR: dataDir,
      MASTHEAD_URL: "https://news.test",
      DATABASE_URL: database.kind === "sqlite" ? database.file : database.url,
    });
    const app = await buildServer({ config, store, logLevel: "silent" });
    await app.ready();
    closeAll = async () => {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    const fileFor = async (storageKey: string) => {
      const file = path.join(mediaDirOf(dataDir), storageKey);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, "not really an image");
    };
    let basics: Promise<Basics> | undefined;
    let owner: Promise<Staff> | undefined;
    const self: RouteApp = {
      app,
      store,
      dataDir,
      basics: () => {
        basics ??= seedBasics(store).then(async (b) => {
          await fileFor(b.media.storageKey);
          return b;
        });
        return basics;
      },
      async media(uploadedBy) {
        const item = await createMedia(store, mediaInput(), { uploadedBy: uploadedBy ?? null });
        await fileFor(item.storageKey);
        return item;
      },
      async staff(role) {
        const person = await createPerson(store, personInput({ name: `A ${role}` }));
        const signedIn = await signIn(app, store, role, { personId: person.id });
        return { ...signedIn, role, personId: person.id };
      },
      owner: () => {
        owner ??= self.staff("owner");
        return owner;
      },
      send(who, { method, url, payload, headers = {}, as }) {
        const session = as ?? who;
        return app.inject({
          method,
          url,
          headers: { ...(session?.headers ?? {}), ...headers },
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
      },
      async article({ authorId, status = "draft" } = {}) {
        const b = await self.basics();
        const created = await createArticle(
          store,
          b.articleInput({ authorIds: [authorId ?? b.person.id] }),
        );
        if (status === "draft") return { id: created.id, version: 1, slug: created.slug };
        // Through the workflow, as an editor would move it: each step leaves a revision.
        const moved = await transitionArticle(store, created.id, {
          to: status,
          expectedVersion: 1,
          actor: { userId: null, name: "Test setup" },
        });
        return { id: created.id, version: moved.version, slug: created.slug };
      },
    };
    current = self;
  });
  afterAll(async () => {
    await closeAll?.();
  });
  return () => {
    if (!current) throw new Error("useRouteApp: the app exists only inside a test");
    return current;
  };
}
