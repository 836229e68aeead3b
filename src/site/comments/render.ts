import MarkdownIt from "markdown-it";

// The "zero" preset enables nothing; we switch on only the safe subset readers may use.
// html: false makes markdown-it escape every tag a reader types.
const md = new MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
  "paragraph",
  "emphasis",
  "link",
  "linkify",
  "newline",
]);

/** Only web links become links; `javascript:`, `data:`, `mailto:`… stay text. */
md.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  // Readers' links are not endorsed by the publication (nofollow) and are user content (ugc).
  token?.attrSet("rel", "nofollow ugc");
  return self.renderToken(tokens, idx, options);
};

/**
 * A reader's comment as HTML: paragraphs, line breaks, *emphasis*, **strong** and http(s) links
 * (with rel="nofollow ugc"); everything else is escaped text.
 * @example renderCommentText("Hi *there* https://example.org") // <p>Hi <em>there</em> <a href=… rel="nofollow ugc">…</a></p>
 */
export function renderCommentText(text: string): string {
  return md.render(text);
}
