import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ERROR_CODES,
  MastheadError,
  NotFoundError,
  RateLimitedError,
  StaleError,
} from "../../src/content/errors.js";
import { apiErrorReply } from "../../src/http/error-reply.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every .ts and .tsx file under `dir`, recursively. */
async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("the error catalogue", () => {
  it("is what docs/ADMIN_API.md's table of error codes lists", async () => {
    const doc = await readFile(path.join(ROOT, "docs/ADMIN_API.md"), "utf8");
    const table = doc.slice(doc.indexOf("## Error codes"));
    const missing = Object.keys(ERROR_CODES).filter((code) => !table.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it("declares every MH_ code the source uses, so none bypasses it", async () => {
    const unknown: string[] = [];
    for (const file of await sourceFiles(path.join(ROOT, "src"))) {
      const text = await readFile(file, "utf8");
      for (const [, code] of text.matchAll(/["'`](MH_[A-Z][A-Z_]*)["'`]/g))
        if (!Object.hasOwn(ERROR_CODES, code as string))
          unknown.push(`${path.relative(ROOT, file)}: ${code}`);
    }
    expect(unknown).toEqual([]);
  });

  it("shows the message of no internal failure (status 500)", () => {
    const shown = Object.entries(ERROR_CODES)
      .filter(([, spec]) => spec.status === 500 && spec.expose)
      .map(([code]) => code);
    expect(shown).toEqual([]);
  });
});

describe("apiErrorReply", () => {
  it("answers a catalogue code with its status and message", () => {
    const reply = apiErrorReply(new NotFoundError("article", "a1"));
    expect(reply.status).toBe(ERROR_CODES.MH_NOT_FOUND.status);
    expect(reply.body).toEqual({
      error: { code: "MH_NOT_FOUND", message: "no article with id 'a1'" },
    });
  });

  it("gives MH_STALE one status and shape wherever it is thrown", () => {
    const reply = apiErrorReply(new StaleError("person", "p1", 7));
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toContain("now at version 7");
  });

  it("replaces the message of a code that may not be shown", () => {
    const reply = apiErrorReply(
      new MastheadError("MH_MIGRATION_FAILED", "migration '0007' failed: /srv/data/masthead.db"),
    );
    expect(reply.status).toBe(500);
    expect(reply.body.error).toEqual({
      code: "MH_MIGRATION_FAILED",
      message: "Something went wrong on our side.",
    });
  });

  it("answers an error without a code of ours as MH_INTERNAL, naming nothing", () => {
    const reply = apiErrorReply(Object.assign(new Error("SQLITE_CORRUPT at /x"), { code: "X" }));
    expect(reply.status).toBe(500);
    expect(reply.body.error.code).toBe("MH_INTERNAL");
    expect(reply.body.error.message).not.toContain("SQLITE");
  });

  it("answers MH_RATE_LIMITED 429 with Retry-After when the error carries seconds", () => {
    const reply = apiErrorReply(new RateLimitedError("too many attempts; try again in 30 s", 30));
    expect(reply.status).toBe(429);
    expect(reply.headers).toEqual({ "retry-after": "30" });
    expect(apiErrorReply(new RateLimitedError("slow down")).headers).toEqual({});
  });

  it("maps Fastify's refusals by their status to the catalogue's codes", () => {
    const fastify = (statusCode: number) =>
      Object.assign(new Error("refused"), { code: "FST_ERR_X", statusCode });
    expect(apiErrorReply(fastify(400)).body.error.code).toBe("MH_BAD_REQUEST");
    expect(apiErrorReply(fastify(413)).body.error.code).toBe("MH_TOO_LARGE");
    expect(apiErrorReply(fastify(415)).body.error.code).toBe("MH_UNSUPPORTED_MEDIA");
    expect(apiErrorReply(fastify(429))).toMatchObject({
      status: 429,
      body: { error: { code: "MH_RATE_LIMITED" } },
    });
  });

  it("sends the database's Retry-After from the catalogue", () => {
    const reply = apiErrorReply(new MastheadError("MH_DB_UNREACHABLE", "try again"));
    expect(reply.status).toBe(503);
    expect(reply.headers).toEqual({
      "retry-after": String(ERROR_CODES.MH_DB_UNREACHABLE.retryAfter),
    });
  });
});
