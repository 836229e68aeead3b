// Two real `masthead serve` processes on one SQLite file: a change committed by one is served by
// the other within two seconds (change events: the other process polls the outbox).
import { afterAll, beforeAll, describe } from "vitest";
import {
  createOwner,
  type Instance,
  type Newsroom,
  type SharedDatabase,
  sharedDatabase,
  signInOn,
  startInstances,
  stopInstances,
} from "../helpers/instances.js";
import { type Cluster, crossInstanceCases } from "./cross-instance.cases.js";

/** The goal for SQLite, where the other process learns of a change by polling. */
const LIMIT_MS = 2_000;

describe("two processes on one SQLite file", () => {
  let db: SharedDatabase | undefined;
  let instances: Instance[] = [];
  let newsrooms: Newsroom[] = [];

  beforeAll(async () => {
    db = await sharedDatabase({ kind: "sqlite" });
    const owner = await createOwner(db);
    instances = await startInstances(["A", "B"], db);
    newsrooms = await Promise.all(instances.map((i) => signInOn(i, owner)));
  }, 60_000);

  afterAll(async () => {
    await stopInstances(instances);
    await db?.drop();
  }, 30_000);

  crossInstanceCases((): Cluster => ({ instances, newsrooms }), LIMIT_MS);
});
