import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DISPLAY_NAME_MAX_LENGTH,
  parseEmailAddress,
  SUBJECT_MAX_LENGTH,
  safeDisplayName,
  safeSubject,
} from "../../src/content/email-address.js";

const refused = (raw: string) => {
  const parsed = parseEmailAddress(raw);
  if (parsed.ok) throw new Error(`"${raw}" was accepted as ${parsed.address}`);
  return parsed.reason;
};

describe("parseEmailAddress", () => {
  it("trims and lower-cases the domain, keeping the local part's case", () => {
    expect(parseEmailAddress("  Ana.Reader@Example.ORG \n")).toEqual({
      ok: true,
      address: "Ana.Reader@example.org",
      disposable: false,
    });
    expect(parseEmailAddress("first+news@sub.example.co.uk")).toMatchObject({
      ok: true,
      address: "first+news@sub.example.co.uk",
    });
  });

  it("accepts international addresses", () => {
    expect(parseEmailAddress("jürgen@bücher.de")).toMatchObject({ ok: true });
    expect(parseEmailAddress("用户@例子.广告")).toMatchObject({ ok: true });
  });

  it("says what to fix for each kind of refusal", () => {
    expect(refused("")).toMatch(/enter an email address/);
    expect(refused("   ")).toMatch(/enter an email address/);
    expect(refused("ana.example.org")).toMatch(/needs an @/);
    expect(refused("@example.org")).toMatch(/nothing before the @/);
    expect(refused("ana@")).toMatch(/no domain after the @/);
    expect(refused("ana@localhost")).toMatch(/needs a dot/);
    expect(refused("ana@[192.0.2.1]")).toMatch(/not at an IP address/);
    expect(refused("ana@192.0.2.1")).toMatch(/not at an IP address/);
    expect(refused("ana@[IPv6:2001:db8::1]")).toMatch(/not at an IP address/);
    expect(refused("Ana Reader <ana@example.org>")).toMatch(/without a name or angle brackets/);
    expect(refused("<ana@example.org>")).toMatch(/angle brackets/);
    expect(refused("ana@example.org, ben@example.org")).toMatch(/one email address/);
    expect(refused("ana@example.org;ben@example.org")).toMatch(/one email address/);
    expect(refused("ana reader@example.org")).toMatch(/spaces/);
    expect(refused("ana..reader@example.org")).toMatch(/not a valid email address/);
    expect(refused("ana@-example.org")).toMatch(/not a valid email address/);
  });

  it("refuses header injection: line breaks and other control characters inside", () => {
    for (const raw of [
      "ana@example.org\r\nBcc: everyone@example.net",
      "ana@example.org\nBcc: everyone@example.net",
      "ana@exa\rmple.org",
      "ana\u0000@example.org",
      "ana@example.org\u0085x",
      "ana\u2028@example.org",
    ])
      expect(refused(raw)).toMatch(/line break or a control character/);
  });

  it("refuses addresses over 254 characters and local parts over 64", () => {
    const label = "a".repeat(61);
    const long = `ana@${[label, label, label, label].join(".")}.org`;
    expect(long.length).toBeGreaterThan(254);
    expect(refused(long)).toMatch(/at most 254/);
    expect(parseEmailAddress(`${"a".repeat(64)}@example.org`)).toMatchObject({ ok: true });
    expect(refused(`${"a".repeat(65)}@example.org`)).toMatch(/before the @ may be at most 64/);
    // Octets, not characters: 33 two-byte letters are 66 octets.
    expect(refused(`${"é".repeat(33)}@example.org`)).toMatch(/at most 64/);
  });

  it("flags throwaway domains and their subdomains, not look-alikes", () => {
    expect(parseEmailAddress("x@mailinator.com")).toMatchObject({ ok: true, disposable: true });
    expect(parseEmailAddress("x@MAILINATOR.com")).toMatchObject({ ok: true, disposable: true });
    expect(parseEmailAddress("x@inbox.mailinator.com")).toMatchObject({ disposable: true });
    expect(parseEmailAddress("x@yopmail.com")).toMatchObject({ disposable: true });
    // A parent is a suffix of whole labels: "mailinator-press.org" is not "mailinator.com".
    expect(parseEmailAddress("x@mailinator-press.org")).toMatchObject({ disposable: false });
    expect(parseEmailAddress("x@gmail.com")).toMatchObject({ disposable: false });
  });

  it("never accepts a string with a line break, comma or angle bracket (property)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom("\r", "\n", ",", ";", "<", ">", "\u0000"),
        fc.string(),
        (before, bad, after) => {
          const raw = `${before}${bad}${after}@example.org`;
          // Only a break at either end can be trimmed away.
          fc.pre(raw.trim().includes(bad));
          expect(parseEmailAddress(raw).ok).toBe(false);
        },
      ),
    );
  });
});

describe("safeDisplayName", () => {
  it("makes a name one header-safe line", () => {
    expect(safeDisplayName("Ana\r\nBcc: x@y.org <x@y.org>")).toBe("Ana Bcc: x@y.org x@y.org");
    expect(safeDisplayName("  The   Daily\tLedger  ")).toBe("The Daily Ledger");
    expect(safeDisplayName("a\u0000b\u007Fc")).toBe("a b c");
    // A right-to-left override could make "gpj.exe" read as "exe.jpg".
    expect(safeDisplayName("Ana \u202Egpj.exe")).toBe("Ana gpj.exe");
    expect(safeDisplayName("\uD800broken")).toBe("broken");
  });

  it("caps at 100 characters without splitting an emoji", () => {
    expect(safeDisplayName("x".repeat(300))).toHaveLength(DISPLAY_NAME_MAX_LENGTH);
    const name = `${"x".repeat(99)}😀😀`;
    expect(safeDisplayName(name)).toBe(`${"x".repeat(99)}😀`);
  });

  it("never leaves a control character or an angle bracket (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (name) => {
        const safe = safeDisplayName(name);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
        expect(safe).not.toMatch(/[\u0000-\u001F\u007F-\u009F<>]/);
        expect(Array.from(safe).length).toBeLessThanOrEqual(DISPLAY_NAME_MAX_LENGTH);
      }),
    );
  });
});

describe("safeSubject", () => {
  it("makes a subject one line of at most 200 characters", () => {
    expect(safeSubject("Weekly\r\nBcc: x@y.org")).toBe("Weekly Bcc: x@y.org");
    expect(safeSubject("Council <votes> on the bridge")).toBe("Council <votes> on the bridge");
    expect(safeSubject("y".repeat(500))).toHaveLength(SUBJECT_MAX_LENGTH);
    expect(safeSubject("\n\n")).toBe("");
  });
});
