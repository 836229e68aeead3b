import { describe, expect, it } from "vitest";
import {
  ARTICLE_STATUSES,
  ArticleEditSchema,
  canTransition,
  publishedAtAfter,
  TRANSITIONS,
  transitionRight,
} from "../../src/content/index.js";

const now = new Date("2026-01-10T12:00:00.000Z");
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

describe("the editorial state machine", () => {
  it("allows exactly these moves", () => {
    expect(TRANSITIONS).toEqual({
      draft: ["in_review", "scheduled", "published"],
      in_review: ["draft", "scheduled", "published"],
      scheduled: ["draft", "scheduled", "published"],
      published: ["unpublished"],
      unpublished: ["draft", "scheduled", "published"],
    });
    expect(canTransition("published", "draft")).toBe(false);
    expect(canTransition("unpublished", "published")).toBe(true);
  });

  it("needs only the submit right between draft and review, publish rights for all else", () => {
    const rights = ARTICLE_STATUSES.flatMap((from) =>
      TRANSITIONS[from].map((to) => `${from}→${to}: ${transitionRight(from, to)}`),
    );
    expect(rights.filter((r) => r.endsWith("submit"))).toEqual([
      "draft→in_review: submit",
      "in_review→draft: submit",
    ]);
  });
});

describe("publishedAtAfter", () => {
  it("schedules at a future time only", () => {
    expect(
      publishedAtAfter({
        from: "draft",
        to: "scheduled",
        current: null,
        requested: inHours(2),
        now,
      }),
    ).toBe(inHours(2));
    expect(() =>
      publishedAtAfter({
        from: "draft",
        to: "scheduled",
        current: null,
        requested: inHours(-1),
        now,
      }),
    ).toThrow(/publishedAt: must be in the future/);
    expect(() => publishedAtAfter({ from: "draft", to: "scheduled", current: null, now })).toThrow(
      /scheduling needs publishedAt/,
    );
  });

  it("publishes now, at a given past time, or at an earlier publication's date", () => {
    expect(publishedAtAfter({ from: "in_review", to: "published", current: null, now })).toBe(
      now.toISOString(),
    );
    expect(
      publishedAtAfter({
        from: "draft",
        to: "published",
        current: null,
        requested: inHours(-24),
        now,
      }),
    ).toBe(inHours(-24));
    expect(
      publishedAtAfter({ from: "unpublished", to: "published", current: inHours(-48), now }),
    ).toBe(inHours(-48));
    // Publishing a scheduled article early replaces the planned time.
    expect(publishedAtAfter({ from: "scheduled", to: "published", current: inHours(5), now })).toBe(
      now.toISOString(),
    );
    expect(() =>
      publishedAtAfter({
        from: "draft",
        to: "published",
        current: null,
        requested: inHours(1),
        now,
      }),
    ).toThrow(/use to: scheduled/);
  });

  it("clears a planned time when a scheduled article goes back, and keeps it otherwise", () => {
    expect(publishedAtAfter({ from: "scheduled", to: "draft", current: inHours(5), now })).toBe(
      null,
    );
    expect(
      publishedAtAfter({ from: "published", to: "unpublished", current: inHours(-5), now }),
    ).toBe(inHours(-5));
    expect(() =>
      publishedAtAfter({
        from: "draft",
        to: "in_review",
        current: null,
        requested: inHours(1),
        now,
      }),
    ).toThrow(/accepted only with to: scheduled or published/);
  });
});

describe("ArticleEditSchema", () => {
  it("refuses status and publishedAt: they change only through transitions", () => {
    const result = ArticleEditSchema.safeParse({ status: "published", publishedAt: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.code === "unrecognized_keys")).toMatchObject({
      keys: ["status", "publishedAt"],
    });
  });
});
