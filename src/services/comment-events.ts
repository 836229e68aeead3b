// The change events of comments, for the intake (reader-comments.ts) and moderation
// (comment-moderation.ts): which pages a comment's change shows on.
import {
  type Article,
  type ChangeEvent,
  type ChangeType,
  pagesShowingArticle,
} from "../content/index.js";
import { articleLocations, type Store } from "../store/index.js";

/** What a comment event names: the comment and the article it belongs to. */
export interface CommentRef {
  id: string;
  articleId: string;
}

/**
 * The event of a comment's change. `seen` says whether readers see the difference (it was or is
 * approved); then the paths are every page that shows its article, because the article page
 * lists the comments and the listings (home, sections, authors, tags) print each article's
 * count of approved comments. An article readers cannot see has no cached pages.
 */
export async function commentChanged(
  tx: Store,
  type: ChangeType,
  comment: CommentRef,
  article: Article | undefined,
  seen: boolean,
  data?: ChangeEvent["data"],
): Promise<ChangeEvent> {
  const paths =
    seen && article?.status === "published"
      ? (await articleLocations(tx, [article])).flatMap((place) => pagesShowingArticle(place))
      : [];
  return {
    type,
    ids: { commentId: comment.id, articleId: comment.articleId },
    paths,
    ...(data ? { data } : {}),
  };
}
