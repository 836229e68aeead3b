import { describe, expect, it } from "vitest";
import {
  COMMENT_MAX_LENGTH,
  CommentInputSchema,
  CommentModerationSchema,
  canMoveComment,
  commentsClosedReason,
  countCommentLinks,
} from "../../src/content/index.js";

const ID = "0b8e1c9a-1d2e-4f3a-9b8c-7d6e5f4a3b2c";

describe("comment schema", () => {
  it("keeps an optional email private and trims text", () => {
    expect(
      CommentInputSchema.parse({
        articleId: ID,
        authorName: " Ana ",
        authorEmail: "",
        body: " Hi ",
      }),
    ).toEqual({
      articleId: ID,
      parentId: null,
      authorName: "Ana",
      authorEmail: null,
      body: "Hi",
    });
  });

  it("refuses empty, oversize and malformed input with every field named", () => {
    const result = CommentInputSchema.safeParse({
      articleId: ID,
      authorName: "",
      authorEmail: "not-an-email",
      body: "x".repeat(COMMENT_MAX_LENGTH + 1),
    });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([
      "authorName",
      "authorEmail",
      "body",
    ]);
  });
});

describe("comment rules", () => {
  it("counts what would become a link, and script-like schemes too", () => {
    expect(countCommentLinks("no links here, e.g. a.b")).toBe(0);
    expect(countCommentLinks("https://a.example www.b.example HTTP://c.example")).toBe(3);
    expect(countCommentLinks("[x](javascript:alert(1)) data:text/html,hi")).toBe(2);
  });

  it("closes comments when the article has them off or the set number of days has passed", () => {
    const publishedAt = "2026-01-01T00:00:00.000Z";
    const open = { commentsEnabled: true, publishedAt };
    expect(commentsClosedReason({ ...open, commentsEnabled: false }, null)).toBe("disabled");
    expect(commentsClosedReason(open, null, new Date("2030-01-01"))).toBeNull();
    expect(commentsClosedReason(open, 7, new Date("2026-01-07T23:59:59Z"))).toBeNull();
    expect(commentsClosedReason(open, 7, new Date("2026-01-08T00:00:00Z"))).toBe("expired");
  });

  it("lets moderators move between states, but never out of deleted", () => {
    expect(canMoveComment("pending", "approved")).toBe(true);
    expect(canMoveComment("approved", "spam")).toBe(true);
    expect(canMoveComment("spam", "approved")).toBe(true);
    expect(canMoveComment("deleted", "approved")).toBe(false);
  });

  it("a moderation needs a status or a body, and names bad fields", () => {
    expect(CommentModerationSchema.safeParse({}).success).toBe(false);
    const bad = CommentModerationSchema.safeParse({ status: "gone", body: "" });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["body", "status"]);
  });
});
