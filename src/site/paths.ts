// Every public URL is built here so links, routes and cache invalidation agree on one spelling.

/** Path of an article page. */
export const articlePath = (slug: string): string => `/articles/${slug}`;

/** Path of a section page; page 1 has no `/page/1` suffix. */
export const sectionPath = (slug: string, page = 1): string =>
  page > 1 ? `/sections/${slug}/page/${page}` : `/sections/${slug}`;

/** Path of an author page; page 1 has no `/page/1` suffix. */
export const authorPath = (slug: string, page = 1): string =>
  page > 1 ? `/authors/${slug}/page/${page}` : `/authors/${slug}`;

/** Path of a tracker page. */
export const trackerPath = (slug: string): string => `/trackers/${slug}`;

/** Path of a home page; page 1 is `/`. */
export const homePath = (page = 1): string => (page > 1 ? `/page/${page}` : "/");

/** Public URL of a media file by its storage key. */
export const mediaPath = (storageKey: string): string => `/media/${storageKey}`;

/** Where the comment form posts to. */
export const commentsPostPath = (slug: string): string => `/articles/${slug}/comments`;

/** Where the view beacon posts to. */
export const viewsPath = (articleId: string): string => `/views/${articleId}`;
