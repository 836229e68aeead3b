// Run before every unit test file (vitest.config.ts). The unit tests share a worker's modules,
// so a helper's module-level code runs once per worker: what must happen per file is here.
import { afterAll } from "vitest";
import { databasesDropped } from "./databases.js";

afterAll(databasesDropped);
