import { describe, expect, it } from "vitest";
import { COMMENT_MAX_LENGTH, CommentInputSchema } from "../../src/content/index.js";

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
