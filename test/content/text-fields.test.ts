// Every schema that takes text from outside goes through the text policy (src/content/text.ts):
// a bare z.string() in src is a field where NUL or half a surrogate pair could slip past the
// field-named refusal (parseOrThrow would still refuse it, unnamed by the policy's rules). This
// reads the sources and fails on any z.string() or z.url() that is neither pinned by a pattern
// nor listed below with its reason.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** Bare strings that are not text a person types, by file and the code that follows them. */
const ALLOWED: { file: string; follows: RegExp; why: string }[] = [
  {
    file: "content/user.ts",
    follows: /^\s*\.min\(PASSWORD_MIN_LENGTH/,
    why: "passwords are hashed, never stored",
  },
  {
    file: "api/admin/routes/session.ts",
    follows: /^\.max\(1024\)/,
    why: "a password to check, hashed",
  },
  {
    file: "api/admin/routes/session.ts",
    follows: /^\.min\(1, "token is required"\)/,
    why: "a token, hashed before lookup",
  },
  {
    file: "api/admin/routes/trackers.ts",
    follows: /^, z\.unknown\(\)\)/,
    why: "record keys; the store's strict schema names the fields",
  },
  { file: "api/admin/routes/views.ts", follows: /^\.refine\(isDay/, why: "a YYYY-MM-DD date" },
  {
    file: "content/subscriber.ts",
    follows: /^\.max\(SUBSCRIBER_IMPORT_MAX_CHARS/,
    why: "a CSV file, read cell by cell by parseSubscriberCsv (parseEmailAddress, safeDisplayName)",
  },
  {
    file: "archive/format.ts",
    follows: /./,
    why: "an archive's manifest, written by Masthead and read by the CLI",
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "admin" && dir === SRC ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("text fields", () => {
  it("use textField or proseField, or a pattern, wherever a schema takes a string", () => {
    const bare: string[] = [];
    for (const file of sources(SRC)) {
      const rel = path.relative(SRC, file);
      const code = readFileSync(file, "utf8");
      if (rel === "content/text.ts") continue;
      for (const match of code.matchAll(/z\s*\.\s*(string|url)\(/g)) {
        const at = match.index ?? 0;
        const line = code.slice(0, at).split("\n").length;
        if (match[1] === "url") {
          if (!/refuseControlCharacters\(\s*$/.test(code.slice(0, at)))
            bare.push(`${rel}:${line} z.url()`);
          continue;
        }
        const after = code.slice(code.indexOf(")", at) + 1, at + 400);
        // The rest of the chain: this line, and the following lines that continue it with `.`.
        const [first = "", ...rest] = after.split("\n");
        const more = rest.findIndex((l) => !/^\s*\./.test(l));
        const chain = [first, ...rest.slice(0, more < 0 ? rest.length : more)].join("\n");
        if (chain.includes(".regex(")) continue;
        if (ALLOWED.some((a) => a.file === rel && a.follows.test(chain))) continue;
        bare.push(`${rel}:${line} z.string()${first}`);
      }
    }
    expect(
      bare,
      "use textField() (single line, refused) or proseField() (multi-line, cleaned) from src/content/text.ts, a .regex(), or list the field in ALLOWED with why",
    ).toEqual([]);
  });
});
