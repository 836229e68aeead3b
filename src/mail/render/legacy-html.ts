// Imported HTML in an email: the site's one legacy-HTML policy first (remote images become links,
// as on the page), then its site paths made absolute, since a mail client has no page to resolve
// them against, and its images held to the column's width.
import sanitizeHtml from "sanitize-html";
import { LEGACY_HTML_TAGS, sanitizeLegacyHtml } from "../../sanitize/legacy-html.js";
import { absoluteHref, CONTENT_WIDTH, type LinkBase } from "./urls.js";

/** The block's HTML as an email may carry it, or "" when nothing survives the policy. */
export function legacyHtmlForEmail(html: string, base: LinkBase): string {
  const safe = sanitizeLegacyHtml(html, { remoteImages: "link" });
  if (safe === "") return "";
  // A second pass over markup the policy already rebuilt: it only rewrites two attributes.
  return sanitizeHtml(safe, {
    allowedTags: [...LEGACY_HTML_TAGS],
    allowedAttributes: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: withAttr(attribs, "href", absoluteHref(attribs.href, base)),
      }),
      img: (tagName, attribs) => {
        const width = Number(attribs.width);
        const capped =
          Number.isInteger(width) && width > 0 ? String(Math.min(width, CONTENT_WIDTH)) : undefined;
        // A height would distort the picture once the width is capped; the client scales it.
        const { height: _height, ...rest } = withAttr(
          attribs,
          "src",
          absoluteHref(attribs.src, base),
        );
        return { tagName, attribs: withAttr(rest, "width", capped) };
      },
    },
  });
}

function withAttr(
  attribs: sanitizeHtml.Attributes,
  name: string,
  value: string | undefined,
): sanitizeHtml.Attributes {
  const { [name]: _old, ...rest } = attribs;
  return value === undefined ? rest : { ...rest, [name]: value };
}
