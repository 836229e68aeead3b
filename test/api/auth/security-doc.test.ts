import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES } from "../../../src/content/index.js";

/** The permission table of docs/SECURITY.md as `{permission: roles ticked}`. */
function documentedMatrix(): Record<string, string[]> {
  const text = readFileSync(path.resolve("docs/SECURITY.md"), "utf8");
  const section = text.split(/^## Permission matrix$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
  const [header, , ...body] = rows;
  if (!header) throw new Error("docs/SECURITY.md has no permission table");
  const roleColumns = ROLES.map((role) => header.indexOf(role));
  expect(roleColumns).not.toContain(-1);
  return Object.fromEntries(
    body.map((cells) => [
      (cells[0] ?? "").replaceAll("`", ""),
      ROLES.filter((_, i) => cells[roleColumns[i] as number] === "✓"),
    ]),
  );
}

describe("docs/SECURITY.md", () => {
  it("shows exactly the permission matrix the code enforces", () => {
    const expected = Object.fromEntries(
      Object.entries(PERMISSIONS).map(([permission, roles]) => [
        permission,
        ROLES.filter((r) => (roles as readonly string[]).includes(r)),
      ]),
    );
    expect(documentedMatrix()).toEqual(expected);
  });
});
