// When a newsletter's digest is due, and which articles it gathers.
import { describe, expect, it } from "vitest";
import { DigestScheduleSchema, digestSectionIds, dueDigest } from "../../src/content/index.js";

const daily = DigestScheduleSchema.parse({ cadence: "daily", hourUtc: 7 });
const weekly = DigestScheduleSchema.parse({ cadence: "weekly", hourUtc: 18, weekday: 5 });

describe("dueDigest", () => {
  it("is due from its hour, gathering the 24 hours before it, named by the day", () => {
    expect(dueDigest(daily, new Date("2026-12-02T07:00:00Z"))).toMatchObject({
      slug: "2026-12-02",
      from: "2026-12-01T07:00:00.000Z",
      to: "2026-12-02T07:00:00.000Z",
      heading: "The day in review, 2 December 2026",
    });
  });

  it("before its hour, the day's digest is yesterday's (already made, or too late)", () => {
    expect(dueDigest(daily, new Date("2026-12-02T06:59:00Z"))).toBeUndefined();
    expect(dueDigest(daily, new Date("2026-12-02T18:59:00Z"))?.slug).toBe("2026-12-02");
  });

  it("a weekly digest is due on its weekday and gathers the week", () => {
    // 2026-12-04 is a Friday.
    expect(dueDigest(weekly, new Date("2026-12-04T18:30:00Z"))).toMatchObject({
      slug: "2026-12-04",
      from: "2026-11-27T18:00:00.000Z",
      heading: "The week in review, 4 December 2026",
    });
    expect(dueDigest(weekly, new Date("2026-12-05T18:30:00Z"))).toBeUndefined();
  });

  it("is not made for a time before the newsletter existed", () => {
    expect(
      dueDigest(daily, new Date("2026-12-02T08:00:00Z"), "2026-12-02T07:30:00.000Z"),
    ).toBeUndefined();
  });
});

describe("digestSectionIds", () => {
  const sections = [
    { id: "news", slug: "news", name: "News", description: "", parentId: null },
    { id: "local", slug: "local", name: "Local", description: "", parentId: "news" },
    { id: "sport", slug: "sport", name: "Sport", description: "", parentId: null },
  ];
  it("gathers the chosen sections and those below them; none chosen is every section", () => {
    expect(digestSectionIds(sections, ["news"])).toEqual(["news", "local"]);
    expect(digestSectionIds(sections, ["local"])).toEqual(["local"]);
    expect(digestSectionIds(sections, [])).toEqual([]);
    expect(digestSectionIds(sections, ["gone"])).toEqual(["gone"]);
  });
});
