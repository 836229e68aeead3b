// Turns the XML of a WXR file, written in as text chunks, into records. saxes does the XML
// (well-formedness, entities, namespaces); this module only knows where WordPress puts what.
// Elements are told apart by namespace URI, not prefix: self-hosted WordPress and wordpress.com
// declare `wp:` as http://wordpress.org/export/1.x/ for x = 0, 1, 2, and wordpress.com uses
// prefixes (atom:) it never declares, so unbound prefixes fall back to their conventional URI.

import { SaxesParser, type SaxesTagNS } from "saxes";
import { cleanText } from "../../content/index.js";
import type {
  WxrAuthor,
  WxrComment,
  WxrItem,
  WxrItemTerm,
  WxrMeta,
  WxrRecord,
  WxrSite,
  WxrTerm,
} from "./records.js";
import type { WxrErrorWhere } from "./wxr-error.js";

const WP_URI = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/?$/;
const EXCERPT_URI = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/?$/;
const CONTENT_URI = /^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/;
const DC_URI = /^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/;

/** The prefixes WordPress uses, for elements whose URI is unexpected or whose prefix is unbound. */
const CONVENTIONAL: Record<string, string> = {
  wp: "http://wordpress.org/export/1.2/",
  excerpt: "http://wordpress.org/export/1.2/excerpt/",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  wfw: "http://wellformedweb.org/CommentAPI/",
  atom: "http://www.w3.org/2005/Atom",
};

export const KNOWN_WXR_VERSIONS = ["1.0", "1.1", "1.2"];

/** A problem found while parsing, with where it is; the reader turns it into a WxrError. */
export class WxrProblem extends Error {
  constructor(
    readonly reason: string,
    readonly where: WxrErrorWhere,
  ) {
    super(reason);
  }
}

type Tag = SaxesTagNS;

/** Feeds text to saxes and collects the records it completes; drain `records` after each write. */
export class WxrParser {
  /** Completed records, in file order; the reader empties it after every write. */
  readonly records: WxrRecord[] = [];
  private readonly saxes: SaxesParser<{ xmlns: true }>;
  /** Keys ("wp:post_id", "item", "title", …) of the open elements, root first. */
  private readonly stack: string[] = [];
  private text: string[] = [];
  private sawCdata = false;
  private sawWpNamespace = false;
  private readonly site: WxrSite = {
    kind: "site",
    wxrVersion: "",
    title: "",
    link: "",
    baseSiteUrl: "",
    baseBlogUrl: "",
    language: "",
  };
  private versionSeen = false;
  private siteEmitted = false;
  private author: WxrAuthor | null = null;
  private term: WxrTerm | null = null;
  private item: WxrItem | null = null;
  private comment: WxrComment | null = null;
  private meta: WxrMeta | null = null;
  private itemTerm: WxrItemTerm | null = null;
  /** WXR 1.0 names a category's parent by its name; this maps names back to slugs. */
  private readonly categorySlugByName = new Map<string, string>();

  constructor() {
    this.saxes = new SaxesParser({
      xmlns: true,
      // "" is the default namespace, which RSS leaves unset.
      resolvePrefix: (prefix: string) =>
        prefix === "" ? undefined : (CONVENTIONAL[prefix] ?? `urn:x-unbound-prefix:${prefix}`),
    });
    this.saxes.on("error", (err) => {
      throw this.problem(describeXmlError(err.message));
    });
    this.saxes.on("doctype", () => {
      throw this.problem(
        "the file has a DOCTYPE declaration, which WordPress never writes; it is refused so that no entity it declares is expanded or fetched (entity expansion, external entities)",
      );
    });
    this.saxes.on("opentag", (tag) => this.onOpen(tag));
    this.saxes.on("closetag", (tag) => this.onClose(tag));
    this.saxes.on("text", (text) => {
      this.text.push(text);
    });
    this.saxes.on("cdata", (cdata) => {
      this.text.push(cdata);
      this.sawCdata = true;
    });
  }

  /** Parses the next piece of the document; throws a WxrProblem when it is not a readable WXR. */
  write(text: string): void {
    this.saxes.write(text);
  }

  /** Ends the document: unclosed elements (a truncated file) and a missing channel are refused. */
  close(): void {
    this.saxes.close();
    if (!this.siteEmitted) {
      throw this.problem(
        "not a WordPress export (WXR): the file has no <channel> with a <wp:wxr_version>",
      );
    }
  }

  /** The current position and item, for an error found outside saxes (e.g. a decoding error). */
  where(): WxrErrorWhere {
    const where: WxrErrorWhere = { line: this.saxes.line, column: this.saxes.column + 1 };
    if (this.item) {
      if (this.item.id) where.itemId = this.item.id;
      if (this.item.title) where.itemTitle = this.item.title;
    }
    return where;
  }

  private problem(reason: string): WxrProblem {
    return new WxrProblem(reason, this.where());
  }

  private onOpen(tag: Tag): void {
    const key = keyOf(tag);
    if (key.startsWith("wp:") || Object.values(tag.ns).some((uri) => WP_URI.test(uri))) {
      this.sawWpNamespace = true;
    }
    const parent = this.stack[this.stack.length - 1];
    const depth = this.stack.length;
    this.stack.push(key);
    this.text = [];
    this.sawCdata = false;

    if (depth === 0) {
      if (key !== "rss") throw this.problem(wrongRoot(tag.local));
      return;
    }
    if (parent === "channel" && depth === 2) {
      if (key === "wp:author") {
        this.ensureSite();
        this.author = {
          kind: "author",
          id: "",
          login: "",
          email: "",
          displayName: "",
          firstName: "",
          lastName: "",
        };
      } else if (key === "wp:category" || key === "wp:tag" || key === "wp:term") {
        this.ensureSite();
        const taxonomy = key === "wp:category" ? "category" : key === "wp:tag" ? "post_tag" : "";
        this.term = {
          kind: "term",
          id: "",
          taxonomy,
          slug: "",
          name: "",
          parentSlug: "",
          description: "",
          meta: [],
        };
      } else if (key === "item") {
        this.ensureSite();
        this.item = newItem();
      }
      return;
    }
    if (key === "wp:postmeta" || key === "wp:termmeta" || key === "wp:commentmeta") {
      this.meta = { key: "", value: "" };
    } else if (key === "wp:comment" && parent === "item" && this.item) {
      this.comment = newComment();
    } else if (key === "category" && parent === "item" && this.item) {
      // Only the `domain`/`nicename` form names a term; WXR 1.0 also wrote a plain
      // `<category>Name</category>` beside it for RSS readers, which WordPress skips too.
      const domain = tag.attributes.domain?.value;
      const nicename = tag.attributes.nicename?.value;
      this.itemTerm =
        domain !== undefined && nicename !== undefined
          ? { domain: domain === "tag" ? "post_tag" : domain, nicename, name: "" }
          : null;
    }
  }

  private onClose(tag: Tag): void {
    const key = this.stack.pop() ?? keyOf(tag);
    const parent = this.stack[this.stack.length - 1];
    const value = this.takeText();

    if (parent === "channel" && this.stack.length === 2) {
      this.closeChannelChild(key, value);
    } else if (key === "channel" && this.stack.length === 1) {
      this.ensureSite();
    } else if (parent === "wp:author" && this.author) {
      setAuthorField(this.author, key, value);
    } else if (
      (parent === "wp:category" || parent === "wp:tag" || parent === "wp:term") &&
      this.term
    ) {
      if (key === "wp:termmeta") this.pushMeta(this.term.meta);
      else setTermField(this.term, key, value);
    } else if (
      parent === "wp:postmeta" ||
      parent === "wp:termmeta" ||
      parent === "wp:commentmeta"
    ) {
      if (this.meta && key === "wp:meta_key") this.meta.key = value;
      else if (this.meta && key === "wp:meta_value") this.meta.value = value;
    } else if (parent === "wp:comment" && this.comment) {
      if (key === "wp:commentmeta") this.pushMeta(this.comment.meta);
      else setCommentField(this.comment, key, value);
    } else if (parent === "item" && this.item) {
      if (key === "wp:postmeta") this.pushMeta(this.item.meta);
      else if (key === "wp:comment") {
        if (this.comment) this.item.comments.push(this.comment);
        this.comment = null;
      } else if (key === "category") {
        if (this.itemTerm) {
          this.itemTerm.name = value;
          this.item.terms.push(this.itemTerm);
        }
        this.itemTerm = null;
      } else setItemField(this.item, key, value);
    }
  }

  private closeChannelChild(key: string, value: string): void {
    switch (key) {
      case "wp:author":
        if (this.author) this.records.push(this.author);
        this.author = null;
        return;
      case "wp:category":
      case "wp:tag":
      case "wp:term":
        if (this.term) this.records.push(this.finishTerm(this.term));
        this.term = null;
        return;
      case "item":
        if (this.item) this.records.push(this.item);
        this.item = null;
        return;
    }
    if (this.siteEmitted) return;
    if (key === "title") this.site.title = value;
    else if (key === "link") this.site.link = value;
    else if (key === "language") this.site.language = value;
    else if (key === "wp:base_site_url") this.site.baseSiteUrl = value;
    else if (key === "wp:base_blog_url") this.site.baseBlogUrl = value;
    else if (key === "wp:wxr_version") {
      this.site.wxrVersion = value;
      this.versionSeen = true;
    }
  }

  /** Emits the site record once, refusing files that are not WXR, before any other record. */
  private ensureSite(): void {
    if (this.siteEmitted) return;
    if (!this.versionSeen) {
      throw this.problem(
        this.sawWpNamespace
          ? "not a WordPress export (WXR): the channel has no <wp:wxr_version> before its first author, term or item"
          : "this is an RSS feed, not a WordPress export (WXR): it has no wp: namespace; in WordPress use Tools → Export → All content",
      );
    }
    if (!KNOWN_WXR_VERSIONS.includes(this.site.wxrVersion)) {
      throw this.problem(
        `not a WordPress export (WXR) this importer knows: <wp:wxr_version> is "${this.site.wxrVersion.slice(0, 20)}", expected 1.0, 1.1 or 1.2`,
      );
    }
    this.siteEmitted = true;
    this.records.push({ ...this.site });
  }

  private finishTerm(term: WxrTerm): WxrTerm {
    if (term.taxonomy === "category") {
      // WXR 1.0 wrote the parent's name in <wp:category_parent>; 1.1 on write its slug.
      // WordPress exports parents before their children, so the name is known by now.
      if (this.site.wxrVersion === "1.0" && term.parentSlug) {
        term.parentSlug = this.categorySlugByName.get(term.parentSlug) ?? term.parentSlug;
      }
      if (this.site.wxrVersion === "1.0") this.categorySlugByName.set(term.name, term.slug);
    }
    return term;
  }

  private pushMeta(list: WxrMeta[]): void {
    if (this.meta) list.push(this.meta);
    this.meta = null;
  }

  /**
   * The text of the element that just closed. WordPress wraps values in CDATA sections (split in
   * two around a `]]>`) and indents between elements; a CDATA value is kept exactly, without the
   * whitespace around its sections, and plain text is trimmed.
   */
  private takeText(): string {
    const parts = this.text;
    this.text = [];
    if (parts.length === 0) return "";
    // Cleaned (content/text.ts): a character reference such as &#127; yields what the store
    // refuses, and one stray character must not fail a whole post.
    if (!this.sawCdata) return ownCopy(cleanText(parts.join("").trim()));
    this.sawCdata = false;
    // Whitespace-only text nodes sit between the CDATA sections and the tags; drop those.
    return ownCopy(cleanText(parts.filter((p) => p.trim() !== "").join("")));
  }
}

/**
 * A string that shares no memory with the chunk it was cut from. V8 keeps a substring as a view
 * of its parent, so a short title kept by the importer (in its report, say) would otherwise keep
 * the whole 256 KB chunk it came from alive: an import of 2,000 posts held the file's text.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}

function keyOf(tag: Tag): string {
  const uri = tag.uri;
  if (uri) {
    if (WP_URI.test(uri)) return `wp:${tag.local}`;
    if (EXCERPT_URI.test(uri)) return `excerpt:${tag.local}`;
    if (CONTENT_URI.test(uri)) return `content:${tag.local}`;
    if (DC_URI.test(uri)) return `dc:${tag.local}`;
  }
  if (tag.prefix && tag.prefix in CONVENTIONAL) return `${tag.prefix}:${tag.local}`;
  if (tag.prefix || uri) return `other:${tag.local}`;
  return tag.local;
}

function wrongRoot(local: string): string {
  if (local === "feed") return "this is an Atom feed, not a WordPress export (WXR)";
  if (local === "html") return "this is an HTML page, not a WordPress export (WXR)";
  return `not a WordPress export (WXR): the root element is <${local.slice(0, 40)}>, not <rss>`;
}

/** saxes's terse messages, said for someone holding the file. */
function describeXmlError(raw: string): string {
  // saxes prefixes "line:column: "; the WxrError adds its own position.
  const message = raw.replace(/^\d+:\d+: /, "");
  if (/^unexpected end|^unclosed tag/.test(message)) {
    return `the file ends in the middle of the XML (${message.replace(/\.$/, "")}): it looks truncated, cut off while downloading or copying; export it again from WordPress`;
  }
  if (/^document must contain a root element/.test(message)) {
    return "the file has no XML element at all, so it is not a WordPress export (WXR)";
  }
  if (/^disallowed character/.test(message)) {
    return "the file contains a character XML does not allow (a broken or binary file?); export it again from WordPress";
  }
  if (/undefined entity|entity/i.test(message)) {
    return `the XML uses an entity it does not define (${message.replace(/\.$/, "")}); WordPress writes only XML's own entities, so the file was changed after export`;
  }
  return `the file is not well-formed XML (${message.replace(/\.$/, "")}); it may be damaged or edited by hand — export it again from WordPress`;
}

function newItem(): WxrItem {
  return {
    kind: "item",
    id: "",
    title: "",
    link: "",
    guid: "",
    creator: "",
    content: "",
    excerpt: "",
    postDate: "",
    postDateGmt: "",
    modified: "",
    modifiedGmt: "",
    commentStatus: "",
    slug: "",
    status: "",
    postType: "",
    parentId: "",
    menuOrder: "",
    password: "",
    sticky: false,
    attachmentUrl: "",
    terms: [],
    meta: [],
    comments: [],
  };
}

function newComment(): WxrComment {
  return {
    id: "",
    parentId: "",
    authorName: "",
    authorEmail: "",
    authorUrl: "",
    date: "",
    dateGmt: "",
    content: "",
    approved: "",
    type: "",
    userId: "",
    meta: [],
  };
}

const AUTHOR_FIELDS: Record<string, keyof Omit<WxrAuthor, "kind">> = {
  "wp:author_id": "id",
  "wp:author_login": "login",
  "wp:author_email": "email",
  "wp:author_display_name": "displayName",
  "wp:author_first_name": "firstName",
  "wp:author_last_name": "lastName",
};

function setAuthorField(author: WxrAuthor, key: string, value: string): void {
  const field = AUTHOR_FIELDS[key];
  if (field) author[field] = value;
}

const TERM_FIELDS: Record<
  string,
  "id" | "taxonomy" | "slug" | "name" | "parentSlug" | "description"
> = {
  "wp:term_id": "id",
  "wp:category_nicename": "slug",
  "wp:category_parent": "parentSlug",
  "wp:cat_name": "name",
  "wp:category_description": "description",
  "wp:tag_slug": "slug",
  "wp:tag_name": "name",
  "wp:tag_description": "description",
  "wp:term_taxonomy": "taxonomy",
  "wp:term_slug": "slug",
  "wp:term_parent": "parentSlug",
  "wp:term_name": "name",
  "wp:term_description": "description",
};

function setTermField(term: WxrTerm, key: string, value: string): void {
  const field = TERM_FIELDS[key];
  if (field) term[field] = value;
}

const COMMENT_FIELDS: Record<string, keyof Omit<WxrComment, "meta">> = {
  "wp:comment_id": "id",
  "wp:comment_parent": "parentId",
  "wp:comment_author": "authorName",
  "wp:comment_author_email": "authorEmail",
  "wp:comment_author_url": "authorUrl",
  "wp:comment_date": "date",
  "wp:comment_date_gmt": "dateGmt",
  "wp:comment_content": "content",
  "wp:comment_approved": "approved",
  "wp:comment_type": "type",
  "wp:comment_user_id": "userId",
};

function setCommentField(comment: WxrComment, key: string, value: string): void {
  const field = COMMENT_FIELDS[key];
  if (field) comment[field] = value;
}

type ItemStringField = {
  [K in keyof WxrItem]: WxrItem[K] extends string ? K : never;
}[keyof WxrItem];

const ITEM_FIELDS: Record<string, Exclude<ItemStringField, "kind">> = {
  title: "title",
  link: "link",
  guid: "guid",
  "dc:creator": "creator",
  "content:encoded": "content",
  "excerpt:encoded": "excerpt",
  "wp:post_id": "id",
  "wp:post_date": "postDate",
  "wp:post_date_gmt": "postDateGmt",
  "wp:post_modified": "modified",
  "wp:post_modified_gmt": "modifiedGmt",
  "wp:comment_status": "commentStatus",
  "wp:post_name": "slug",
  "wp:status": "status",
  "wp:post_type": "postType",
  "wp:post_parent": "parentId",
  "wp:menu_order": "menuOrder",
  "wp:post_password": "password",
  "wp:attachment_url": "attachmentUrl",
};

function setItemField(item: WxrItem, key: string, value: string): void {
  if (key === "wp:is_sticky") {
    item.sticky = value === "1";
    return;
  }
  const field = ITEM_FIELDS[key];
  if (field) item[field] = value;
}
