import { describe, expect, it } from "vitest";
import { renderArticlePage } from "../../src/site/index.js";
import { article, articlePage, ctx } from "./fixtures.js";

/** Asserts each marker occurs after the previous one. */
function expectInOrder(html: string, markers: string[]) {
  let at = -1;
  for (const marker of markers) {
    const found = html.indexOf(marker, at + 1);
    expect(found, `"${marker}" should follow the previous marker`).toBeGreaterThan(at);
    at = found;
  }
}

describe("renderArticlePage", () => {
  const html = renderArticlePage(articlePage(), ctx);

  it("is a complete document with title, description, canonical link, language and stylesheet", () => {
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain(
      "<title>Trump Signals Possible U.S. Military Action — Zany Progressive</title>",
    );
    expect(html).toContain(
      '<meta name="description" content="President Trump signalled imminent land strikes."/>',
    );
    expect(html).toContain(
      '<link rel="canonical" href="https://news.example.org/articles/trump-signals"/>',
    );
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/site\.css\?v=[0-9a-f]{10}"\/>/);
    expect(html).toMatch(/<script defer src="\/assets\/views\.js\?v=[0-9a-f]{10}"><\/script>/);
  });

  it("has the landmarks, a skip link and one h1", () => {
    expectInOrder(html, [
      'href="#main"',
      "<header",
      "<nav",
      '<main id="main"',
      "</main>",
      "<footer",
    ]);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it("shows the reference's elements in the reference's order", () => {
    expectInOrder(html, [
      '<h1 id="headline">Trump Signals Possible U.S. Military Action</h1>',
      '<p class="dek">President Trump signalled imminent land strikes.</p>',
      'alt="Serena Zehlius member of the Zany Progressive team"',
      "Member of the Zany Progressive team",
      'By: <a href="/authors/serena-zehlius" rel="author">Serena Zehlius</a>, Editor',
      "Serena Zehlius is a passionate writer...",
      "1 Min Read",
      ">News</span>",
      'href="/sections/resist-hate"',
      '<time datetime="2026-01-09T12:00:00.000Z">January 9, 2026</time>',
      "In a startling escalation.",
      "<h2>Why this matters…</h2>",
      "<blockquote>",
      "Source: DRM News YouTube channel",
      'data-content-kind="opinion"',
      'href="/trackers/pardons"',
      'aria-label="Advertisement"',
      "<ul>",
      'alt="National palace"',
      "<hr/>",
      "The end.",
      "Total Views: <span data-views>2</span>",
      "Her love for animals",
      "Mexico",
      '<section id="comments"',
      "Comments (1)",
      "Leave a Comment",
    ]);
  });

  it("states the reading-time rule", () => {
    expect(html).toMatch(/<span class="reading-time" title="[^"]*238 words per minute/);
    expect(html).toContain("Reading time is estimated at 238 words per minute.");
  });

  it("carries the article id for the view beacon", () => {
    expect(html).toContain(`data-article-id="${article.id}"`);
  });

  it("renders a reader's comment as escaped text from the safe subset, in paragraphs, without the email", () => {
    expect(html).toContain(
      '<li class="comment" id="comment-00000000-0000-4000-8000-000000000050">',
    );
    expect(html).toContain("Ana &lt;b>");
    expect(html).toContain("<p>First &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(html).toContain("<p>Second paragraph</p>");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("ana@example.org");
  });

  it("has a comment form with labelled, length-limited fields posting to the article", () => {
    expect(html).toContain('method="post" action="/articles/trump-signals/comments#comment-form"');
    expect(html).toMatch(/<label for="comment-name">Name<\/label>/);
    expect(html).toMatch(
      /<input id="comment-name" name="name" type="text" required maxlength="80"/,
    );
    expect(html).toMatch(
      /<label for="comment-email">Email <span class="optional">\(optional\)<\/span><\/label>/,
    );
    expect(html).toContain("Never shown.");
    expect(html).toMatch(
      /<textarea id="comment-body" name="body" rows="6" required maxlength="5000"/,
    );
    expect(html).toContain('<button type="submit" class="button">Post comment</button>');
  });

  it("after a refused comment shows each error by its field, a summary, and keeps what was typed", () => {
    const refused = renderArticlePage(articlePage(), {
      ...ctx,
      form: {
        values: { name: "", email: "not-an-email", body: "My long comment <b>kept</b>" },
        errors: { name: "name is required", email: "email address is not valid" },
        general: [],
      },
    });
    expect(refused).toContain("<title>Error: ");
    expect(refused).toMatch(/<div class="error-summary" role="alert"[^>]*>/);
    expect(refused).toContain('<a href="#comment-name">Name: name is required</a>');
    expect(refused).toMatch(
      /<p class="field-error" id="comment-name-error">.*Name is required<\/p><input id="comment-name"[^>]*aria-invalid="true" aria-describedby="comment-name-error"/,
    );
    expect(refused).toMatch(
      /<input id="comment-email"[^>]*value="not-an-email" aria-invalid="true" aria-describedby="comment-email-hint comment-email-error"/,
    );
    expect(refused).toContain(">My long comment &lt;b>kept&lt;/b></textarea>");
    expect(refused).not.toMatch(/id="comment-body"[^>]*aria-invalid/);
  });

  it("with comments closed shows the comments but no form", () => {
    const closed = renderArticlePage(
      articlePage({ article: { ...article, commentsEnabled: false } }),
      ctx,
    );
    expect(closed).toContain("Comments (1)");
    expect(closed).toContain("Comments are closed");
    // The header's search box is a form too: the comments section must hold none.
    expect(closed.slice(closed.indexOf('id="comments"'))).not.toContain("<form");
  });

  it("sends the video script only when a video can be played", () => {
    expect(html).not.toContain("video.js");
    const withVideo = renderArticlePage(
      articlePage({
        article: {
          ...article,
          body: [
            {
              type: "video",
              provider: "youtube",
              videoId: "abc",
              title: "t",
              source: { name: "s" },
            },
          ],
        },
      }),
      ctx,
    );
    expect(withVideo).toMatch(/<script defer src="\/assets\/video\.js\?v=[0-9a-f]{10}">/);
  });

  it("stays well under the page-weight budget", () => {
    expect(Buffer.byteLength(html)).toBeLessThan(30_000);
  });
});
