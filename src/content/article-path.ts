/**
 * The public path of an article: `/<slug>` for a page (`kind: "page"`), `/articles/<slug>`
 * otherwise. The one place the store decides it (slug redirects), so they follow pages too.
 */
export function publicArticlePath(article: { slug: string; kind?: string }): string {
  return article.kind === "page" ? `/${article.slug}` : `/articles/${article.slug}`;
}
