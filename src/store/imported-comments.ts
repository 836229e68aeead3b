// Comments brought in by an import: written as the source had them (status, date, thread),
// without the rules a reader's new comment passes (rate limits, moderation of new commenters),
// which judged them once already on the old platform.
import type { CommentStatus } from "../content/index.js";
import type { Store } from "./store.js";

/** A comment as an import writes it; `id` is chosen by the importer so a re-run keeps it. */
export interface ImportedComment {
  id: string;
  /** Null for a top-level comment; otherwise a comment of the same article in the same batch or stored. */
  parentId: string | null;
  depth: number;
  authorName: string;
  /** Kept private like every commenter's address: never rendered. */
  authorEmail: string | null;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
}

/**
 * Writes or rewrites (by id) the comments of one article. Call inside the article's import
 * transaction, parents before replies.
 */
export async function putImportedComments(
  store: Store,
  articleId: string,
  comments: readonly ImportedComment[],
): Promise<void> {
  // Chunks keep every statement under SQLite's bound-parameter limit.
  for (let i = 0; i < comments.length; i += 200)
    await store.db
      .insertInto("comments")
      .values(
        comments.slice(i, i + 200).map((c) => ({
          id: c.id,
          article_id: articleId,
          parent_id: c.parentId,
          depth: c.depth,
          author_name: c.authorName,
          author_email: c.authorEmail,
          author_url: c.authorUrl,
          body: c.body,
          status: c.status,
          created_at: c.createdAt,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          parent_id: eb.ref("excluded.parent_id"),
          depth: eb.ref("excluded.depth"),
          author_name: eb.ref("excluded.author_name"),
          author_email: eb.ref("excluded.author_email"),
          author_url: eb.ref("excluded.author_url"),
          body: eb.ref("excluded.body"),
          status: eb.ref("excluded.status"),
          created_at: eb.ref("excluded.created_at"),
        })),
      )
      .execute();
}
