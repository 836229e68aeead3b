// What a live article adds to its LiveBlogPosting node: when coverage started and ended, and its
// updates as liveBlogUpdate BlogPosting items (the structured data search engines read to show
// a "LIVE" badge and the newest updates).
import { articlePlainText, type LiveBlog } from "../../content/index.js";
import { articlePath, authorPath } from "../../content/public-paths.js";
import { type JsonLd, shortHeadline } from "./json-ld.js";
import { absoluteUrl } from "./urls.js";

/** The newest updates the JSON-LD lists; the page itself shows all of them. */
export const LIVE_BLOG_JSON_LD_UPDATES = 50;

/** An update's headline: its first words, as search engines want a headline on every item. */
function updateHeadline(text: string): string {
  const firstLine = text.split("\n")[0]?.trim() ?? "";
  return shortHeadline(firstLine || "Update");
}

/**
 * The properties a LiveBlogPosting node adds: coverageStartTime (publication), coverageEndTime
 * once coverage ended, and liveBlogUpdate, newest first (pinned or not), each a BlogPosting with
 * its time, author and text.
 */
export function liveBlogJsonLd(input: {
  base: string;
  slug: string;
  startedAt: string;
  live: LiveBlog;
}): JsonLd {
  const { base, live } = input;
  const url = absoluteUrl(base, articlePath(input.slug));
  const newest = [...live.updates]
    .sort((a, b) => (a.postedAt < b.postedAt ? 1 : a.postedAt > b.postedAt ? -1 : 0))
    .slice(0, LIVE_BLOG_JSON_LD_UPDATES);
  return {
    coverageStartTime: input.startedAt,
    ...(live.coverage.endedAt ? { coverageEndTime: live.coverage.endedAt } : {}),
    liveBlogUpdate: newest.map((u) => {
      const text = articlePlainText(u.body);
      const author = u.authorId ? live.refs.people[u.authorId] : undefined;
      return {
        "@type": "BlogPosting",
        "@id": `${url}#update-${u.id}`,
        url: `${url}#update-${u.id}`,
        headline: updateHeadline(text),
        datePublished: u.postedAt,
        dateModified: u.updatedAt,
        ...(text ? { articleBody: text } : {}),
        ...(author
          ? {
              author: {
                "@type": "Person",
                name: author.name,
                url: absoluteUrl(base, authorPath(author.slug)),
              },
            }
          : {}),
      };
    }),
  };
}
