import { sql } from "kysely";
import type { Block } from "../content/index.js";
import { mediaIdsOf } from "../content/index.js";
import { adapterFor } from "./dialect/index.js";
import type { Store } from "./store.js";

/** Where a media item appears: articles (body image, featured image) and people (avatar). */
export interface MediaUsage {
  articles: { id: string; headline: string; slug: string; status: string }[];
  people: { id: string; name: string; slug: string }[];
}

/**
 * The articles and people that use a media item. Body images live inside the JSON body, so the
 * database narrows the articles to those whose body text contains the id and the blocks decide.
 */
export async function mediaUsage(store: Store, mediaId: string): Promise<MediaUsage> {
  const adapter = adapterFor(store.dialect);
  const [articleRows, people] = await Promise.all([
    store.db
      .selectFrom("articles")
      .select(["id", "headline", "slug", "status", "featured_image_id", "body"])
      .where((eb) =>
        eb.or([
          eb("featured_image_id", "=", mediaId),
          // CAST works on both: SQLite stores the body as text, PostgreSQL as jsonb.
          eb(sql<string>`cast(${sql.ref("body")} as text)`, "like", `%${mediaId}%`),
        ]),
      )
      .orderBy("headline")
      .execute(),
    store.db
      .selectFrom("people")
      .select(["id", "name", "slug"])
      .where("avatar_id", "=", mediaId)
      .orderBy("name")
      .execute(),
  ]);
  const articles = articleRows
    .filter(
      (a) =>
        a.featured_image_id === mediaId ||
        mediaIdsOf(adapter.readJson(a.body) as Block[]).includes(mediaId),
    )
    .map(({ id, headline, slug, status }) => ({ id, headline, slug, status }));
  return { articles, people };
}

/** "2 articles ('A', 'B') and 1 person ('C')", for messages. */
export function usageSummary({ articles, people }: MediaUsage): string {
  const parts = [
    articles.length > 0 &&
      `${plural(articles.length, "article")} (${articles.map((a) => `'${a.headline}'`).join(", ")})`,
    people.length > 0 &&
      `${people.length === 1 ? "1 person" : `${people.length} people`} as avatar (${people.map((p) => `'${p.name}'`).join(", ")})`,
  ].filter(Boolean);
  return parts.join(" and ");
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
