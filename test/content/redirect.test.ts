import { describe, expect, it } from "vitest";
import {
  compilePattern,
  locationHeader,
  matchPattern,
  normalizePath,
  normalizeQuery,
  pathKey,
  publicArticlePath,
  queryCandidates,
  RedirectInputSchema,
  splitLink,
} from "../../src/content/index.js";

const parse = (from: string, to: string) => RedirectInputSchema.safeParse({ from, to });
const issuePaths = (from: string, to: string) => {
  const result = parse(from, to);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("reading old links", () => {
  it("drops scheme, host and fragment whatever the host", () => {
    expect(splitLink("https://old.example.com/2019/05/x/?p=1#comments")).toEqual({
      path: "/2019/05/x/",
      query: "p=1",
    });
    expect(splitLink("//cdn.example/a")).toEqual({ path: "/a", query: "" });
    expect(splitLink("http://old.example")).toEqual({ path: "/", query: "" });
  });

  it("treats /foo/ and /foo as one path, and keeps the root", () => {
    expect(normalizePath("/foo/")).toBe("/foo");
    expect(normalizePath("/foo")).toBe("/foo");
    expect(normalizePath("/")).toBe("/");
    expect(normalizePath("//a//b/")).toBe("/a/b");
  });

  it("decodes percent escapes the same way however they were written", () => {
    expect(pathKey("/caf%C3%A9/")).toBe(pathKey("/café"));
    expect(pathKey("/caf%c3%a9")).toBe("/café");
    expect(pathKey("/cafe\u0301")).toBe("/café");
    expect(normalizePath("/100%zz/a%20b")).toBe("/100%zz/a b");
  });

  it("matches exact paths whatever their case, as WordPress did", () => {
    expect(pathKey("/Hello-World/")).toBe("/hello-world");
  });

  it("sorts query parameters and drops empty names", () => {
    expect(normalizeQuery("b=2&a=1&=x")).toBe("a=1&b=2");
    expect(normalizeQuery("?p=123")).toBe("p=123");
  });

  it("finds a stored query among extra tracking parameters", () => {
    expect(queryCandidates("utm_source=x&p=123")).toEqual([
      "p=123&utm_source=x",
      "p=123",
      "utm_source=x",
      "",
    ]);
  });
});

describe("patterns", () => {
  it("fills named parameters into the target", () => {
    const p = compilePattern("/:year/:month/:slug", "/articles/:slug");
    expect(matchPattern(p, "/2019/05/harbour-strike")).toBe("/articles/harbour-strike");
    expect(matchPattern(p, "/2019/05")).toBeUndefined();
    expect(matchPattern(p, "/2019/05/a/b")).toBeUndefined();
  });

  it("carries the wildcard's whole tail, slashes included", () => {
    const p = compilePattern("/old/*", "/new/*");
    expect(matchPattern(p, "/old/a/b/feed.xml")).toBe("/new/a/b/feed.xml");
    expect(matchPattern(p, "/old")).toBeUndefined();
  });

  it("allows an inner wildcard and a parameter followed by text", () => {
    expect(
      matchPattern(compilePattern("/files/*/download", "/media/*"), "/files/a/b/download"),
    ).toBe("/media/a/b");
    expect(matchPattern(compilePattern("/:slug.html", "/articles/:slug"), "/x-y.html")).toBe(
      "/articles/x-y",
    );
  });

  it("matches literal parts whatever their case but keeps captured text as written", () => {
    expect(matchPattern(compilePattern("/Old/*", "/new/*"), "/old/Photo.JPG")).toBe(
      "/new/Photo.JPG",
    );
  });

  it("treats regular-expression characters as plain text", () => {
    const p = compilePattern("/a.b/(x)/*", "/c/*");
    expect(matchPattern(p, "/a.b/(x)/y")).toBe("/c/y");
    expect(matchPattern(p, "/axb/(x)/y")).toBeUndefined();
  });
});

describe("RedirectInputSchema", () => {
  it("stores an exact path by its key and a query sorted", () => {
    expect(parse("https://old.example/Old-Post/", "/articles/new")).toMatchObject({
      success: true,
      data: { fromPath: "/old-post", fromQuery: "", toPath: "/articles/new", kind: "exact" },
    });
    expect(parse("/?p=123", "/articles/x")).toMatchObject({
      data: { fromPath: "/", fromQuery: "p=123", kind: "exact" },
    });
  });

  it("recognises a pattern", () => {
    expect(parse("/:year/:month/:slug/", "/articles/:slug")).toMatchObject({
      data: { fromPath: "/:year/:month/:slug", kind: "pattern" },
    });
  });

  it("accepts an external http(s) target", () => {
    expect(parse("/shop", "https://shop.example.com/")).toMatchObject({ success: true });
  });

  it("refuses each bad input at its field", () => {
    expect(issuePaths("old-post", "/x")).toEqual(["from"]);
    expect(issuePaths("/a", "articles/x")).toEqual(["to"]);
    expect(issuePaths("/a", "//evil.example/x")).toEqual(["to"]);
    expect(issuePaths("/a", "javascript:alert(1)")).toEqual(["to"]);
    expect(issuePaths("/a/", "/A")).toEqual(["to"]);
    expect(issuePaths("/", "/articles/x")).toEqual(["from"]);
    expect(issuePaths("/:slug", "/articles/:id")).toEqual(["to"]);
    expect(issuePaths("/old", "/new/*")).toEqual(["to"]);
    expect(issuePaths("/*/x/*", "/y")).toEqual(["from"]);
    expect(issuePaths("/:a/:a", "/y")).toEqual(["from"]);
    expect(issuePaths("/:slug?x=1", "/y/:slug")).toEqual(["from"]);
    expect(issuePaths("/a/*", "/a/b/*")).toEqual(["to"]);
    expect(issuePaths("", "")).toEqual(["from", "to"]);
  });
});

describe("addresses", () => {
  it("percent-encodes what a Location header cannot carry", () => {
    expect(locationHeader("/articles/café?x=a b")).toBe("/articles/caf%C3%A9?x=a%20b");
    expect(locationHeader("/a%20b")).toBe("/a%20b");
  });

  it("puts pages at the root and articles under /articles", () => {
    expect(publicArticlePath({ slug: "about", kind: "page" })).toBe("/about");
    expect(publicArticlePath({ slug: "x" })).toBe("/articles/x");
  });
});
