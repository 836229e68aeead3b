import { describe, expect, it } from "vitest";
import {
  CreditSchema,
  creditIsIncomplete,
  creditLine,
  MediaInputSchema,
} from "../../src/content/index.js";

describe("media credits", () => {
  it("build a credit line with the license's deed", () => {
    const line = creditLine(
      CreditSchema.parse({
        creator: "Eric Menjívar",
        sourceName: "Flickr",
        license: "cc-by-sa-2.0",
      }),
    );
    expect(line).toMatchObject({ creator: "Eric Menjívar", sourceName: "Flickr" });
    expect(line.license).toMatchObject({
      label: "CC BY-SA 2.0",
      deedUrl: "https://creativecommons.org/licenses/by-sa/2.0/",
    });
  });

  it("refuse a license not in the list, naming the known ones", () => {
    const result = CreditSchema.safeParse({ license: "cc-by-9.9" });
    expect(result.error?.issues[0]?.path).toEqual(["license"]);
    expect(result.error?.issues[0]?.message).toMatch(
      /license must be one of: all-rights-reserved, cc0-1.0/,
    );
  });

  it("flag a credit that its license requires but that names nobody", () => {
    expect(creditIsIncomplete(CreditSchema.parse({ license: "cc-by-4.0" }))).toBe(true);
    expect(creditIsIncomplete(CreditSchema.parse({ license: "cc0-1.0" }))).toBe(false);
    expect(creditIsIncomplete(CreditSchema.parse({ creator: "A", license: "cc-by-4.0" }))).toBe(
      false,
    );
  });

  it("refuse a media item that is not an image type", () => {
    const result = MediaInputSchema.safeParse({
      storageKey: "a.exe",
      mimeType: "application/x-msdownload",
      width: 1,
      height: 1,
      credit: { license: "cc0-1.0" },
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["mimeType"]);
  });
});
