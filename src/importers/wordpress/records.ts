// What the WXR reader hands the importer: one plain record per thing a WordPress export holds,
// strings as WordPress wrote them (trimmed of the export's own whitespace only), nothing resolved.

/** The `<channel>` header: which site the export came from and which WXR version wrote it. */
export interface WxrSite {
  kind: "site";
  /** "1.0", "1.1" or "1.2". */
  wxrVersion: string;
  title: string;
  /** The site's address (`<link>`), e.g. https://example.org. */
  link: string;
  /** `<wp:base_site_url>` and `<wp:base_blog_url>`; empty when absent (WXR 1.0). */
  baseSiteUrl: string;
  baseBlogUrl: string;
  language: string;
}

/** `<wp:author>`: a WordPress user who wrote something. */
export interface WxrAuthor {
  kind: "author";
  /** `<wp:author_id>`; empty in WXR 1.0. */
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/**
 * `<wp:category>`, `<wp:tag>` or `<wp:term>`. `taxonomy` is "category", "post_tag" or the custom
 * taxonomy's name (e.g. "nav_menu", "post_format", "series"); `parentSlug` is the parent's slug
 * (categories and hierarchical terms), empty at the root.
 */
export interface WxrTerm {
  kind: "term";
  id: string;
  taxonomy: string;
  slug: string;
  name: string;
  parentSlug: string;
  description: string;
  /** `<wp:termmeta>` key/value pairs, in order. */
  meta: WxrMeta[];
}

/** One `<wp:postmeta>` or `<wp:termmeta>` / `<wp:commentmeta>` pair. */
export interface WxrMeta {
  key: string;
  value: string;
}

/** An item's `<category domain="…" nicename="…">Name</category>`: a term it belongs to. */
export interface WxrItemTerm {
  /** "category", "post_tag", "post_format" or a custom taxonomy. */
  domain: string;
  nicename: string;
  name: string;
}

/** `<wp:comment>` inside an item. */
export interface WxrComment {
  id: string;
  /** `<wp:comment_parent>`; "0" or empty for a top-level comment. */
  parentId: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  /** `<wp:comment_date>` (site local time) and `<wp:comment_date_gmt>`, "YYYY-MM-DD HH:MM:SS". */
  date: string;
  dateGmt: string;
  content: string;
  /** `<wp:comment_approved>`: "1", "0", "spam" or "trash" (older exports also "post-trashed"). */
  approved: string;
  /** `<wp:comment_type>`: "", "comment", "pingback", "trackback" (or a plugin's type). */
  type: string;
  /** `<wp:comment_user_id>`: the WordPress user who wrote it, "0" for a reader. */
  userId: string;
  meta: WxrMeta[];
}

/** `<item>`: a post, page, attachment, nav menu item or any other post type. */
export interface WxrItem {
  kind: "item";
  /** `<wp:post_id>`. */
  id: string;
  title: string;
  /** The permalink WordPress showed (`<link>`); may be a `?p=` form. */
  link: string;
  guid: string;
  /** `<dc:creator>`: the author's login. */
  creator: string;
  /** `<content:encoded>`: classic HTML or block-editor markup. */
  content: string;
  /** `<excerpt:encoded>`. */
  excerpt: string;
  /** `<wp:post_date>` (local) and `<wp:post_date_gmt>` ("0000-00-00 00:00:00" for drafts). */
  postDate: string;
  postDateGmt: string;
  /** `<wp:post_modified>` and `<wp:post_modified_gmt>`, when present (WXR 1.2 from WP 4.x on). */
  modified: string;
  modifiedGmt: string;
  commentStatus: string;
  /** `<wp:post_name>`: the slug, possibly percent-encoded UTF-8. */
  slug: string;
  /** publish, future, draft, pending, private, trash, inherit (attachments), auto-draft. */
  status: string;
  /** post, page, attachment, nav_menu_item, wp_block, custom types… */
  postType: string;
  /** `<wp:post_parent>`: the parent page (pages) or the post an attachment belongs to. */
  parentId: string;
  menuOrder: string;
  /** `<wp:post_password>`: non-empty means password-protected. */
  password: string;
  /** `<wp:is_sticky>` is "1". */
  sticky: boolean;
  /** `<wp:attachment_url>` (attachments only). */
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

/** Everything the reader yields, in file order. */
export type WxrRecord = WxrSite | WxrAuthor | WxrTerm | WxrItem;
