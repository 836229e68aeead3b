import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../src/auth/password.js";

describe("password hashing", () => {
  it("stores scrypt with its parameters and a fresh salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
  });

  it("treats a composed and a decomposed accent as the same password", async () => {
    const hash = await hashPassword("caf\u00e9 au lait, s'il vous plaît");
    expect(await verifyPassword("cafe\u0301 au lait, s'il vous plaît", hash)).toBe(true);
  });

  it.each([
    ["another scheme", "bcrypt$2b$10$abc"],
    ["too few fields", "scrypt$15$8$1$c2FsdA=="],
    ["a memory-exhausting cost", "scrypt$20$32$1$c2FsdA==$a2V5"],
    ["a non-numeric cost", "scrypt$x$8$1$c2FsdA==$a2V5"],
    ["an empty salt", "scrypt$15$8$1$$a2V5"],
  ])("refuses a stored hash with %s instead of computing it", async (_name, stored) => {
    expect(await verifyPassword("anything at all", stored)).toBe(false);
  });
});
