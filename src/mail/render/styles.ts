// The message's one stylesheet. juice copies each rule onto the elements it matches (most mail
// clients drop <style>), and keeps the dark-mode block in a <style> of its own: a client that
// honours prefers-color-scheme (Apple Mail, Outlook for Mac, Thunderbird) applies it over the
// inlined light colours, hence its !important.

/** Used when the publication sets no accent of its own: the site's. */
export const DEFAULT_ACCENT = "#a4161a";

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

// The site's own stacks: nothing is fetched from a font service.
const SERIF = `Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif`;
const SANS = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;
const MONO = `ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace`;

/** The stylesheet with `accent` for rules and kickers (only a #rrggbb colour is taken as given). */
export function emailCss(accent: string | undefined): string {
  const a = accent !== undefined && HEX_COLOUR.test(accent) ? accent : DEFAULT_ACCENT;
  return `
body { margin: 0; padding: 0; background-color: #f6f4ef; color: #1b1b1b; -webkit-text-size-adjust: 100%; }
.outer { background-color: #f6f4ef; }
.container { background-color: #ffffff; max-width: 600px; width: 100%; }
.masthead { padding: 20px 24px; border-bottom: 3px solid ${a}; font-family: ${SERIF}; font-size: 24px; font-weight: bold; }
.masthead a { color: #1b1b1b; text-decoration: none; }
.content { padding: 24px; font-family: ${SERIF}; font-size: 18px; line-height: 1.55; color: #1b1b1b; }
.footer { padding: 24px; border-top: 1px solid #d6d3cc; font-family: ${SANS}; font-size: 13px; line-height: 1.5; color: #595959; }
.footer a { color: #595959; text-decoration: underline; }
.footer p { margin: 0 0 8px 0; }
a { color: #0f4c81; }
p { margin: 0 0 16px 0; }
h1 { font-family: ${SERIF}; font-size: 30px; line-height: 1.2; margin: 0 0 12px 0; color: #1b1b1b; }
h1 a { color: #1b1b1b; text-decoration: none; }
h2 { font-family: ${SERIF}; font-size: 24px; line-height: 1.25; margin: 28px 0 12px 0; color: #1b1b1b; }
h3 { font-family: ${SERIF}; font-size: 20px; line-height: 1.3; margin: 24px 0 10px 0; color: #1b1b1b; }
h4 { font-family: ${SANS}; font-size: 17px; line-height: 1.3; margin: 20px 0 8px 0; color: #1b1b1b; }
ul, ol { margin: 0 0 16px 0; padding: 0 0 0 28px; }
li { margin: 0 0 6px 0; }
hr { border: 0; border-top: 1px solid #d6d3cc; margin: 24px 0; height: 0; }
.kicker { font-family: ${SANS}; font-size: 13px; letter-spacing: 0.04em; text-transform: uppercase; color: ${a}; margin: 0 0 8px 0; }
.kicker a { color: ${a}; text-decoration: none; }
.dek { font-size: 20px; line-height: 1.4; color: #3f3f3f; margin: 0 0 16px 0; }
.meta { font-family: ${SANS}; font-size: 14px; color: #595959; margin: 0 0 24px 0; }
.meta a { color: #595959; }
.intro { font-family: ${SANS}; font-size: 16px; color: #3f3f3f; border-left: 3px solid ${a}; padding: 0 0 0 12px; margin: 0 0 24px 0; }
.figure { margin: 0 0 20px 0; }
.figure img, .digest-image img { display: block; border: 0; max-width: 100%; height: auto; }
.caption { font-family: ${SANS}; font-size: 14px; line-height: 1.45; color: #595959; margin: 8px 0 0 0; }
.caption a { color: #595959; }
.quote { margin: 0 0 20px 0; }
.quote-body { border-left: 4px solid ${a}; padding: 4px 0 4px 16px; }
.quote-text { font-size: 20px; line-height: 1.45; font-style: italic; margin: 0 0 8px 0; }
.quote-speaker { font-family: ${SANS}; font-size: 15px; color: #3f3f3f; margin: 0; }
.commentary { margin: 0 0 20px 0; background-color: #fff7e6; border-left: 4px solid #b45309; }
.commentary-cell { padding: 16px; color: #7c2d12; }
.commentary-label { font-family: ${SANS}; font-size: 13px; font-weight: bold; letter-spacing: 0.04em; text-transform: uppercase; color: #b45309; margin: 0 0 8px 0; }
.commentary-cell p { color: #7c2d12; }
.commentary-cell a { color: #7c2d12; }
.pull-quote { font-size: 24px; line-height: 1.35; font-weight: bold; color: #1b1b1b; border-top: 3px solid ${a}; border-bottom: 3px solid ${a}; padding: 12px 0; margin: 0 0 20px 0; }
.code { font-family: ${MONO}; font-size: 14px; line-height: 1.45; background-color: #f6f4ef; color: #1b1b1b; padding: 12px; margin: 0 0 20px 0; white-space: pre-wrap; word-break: break-word; }
.code-language { font-family: ${SANS}; font-size: 13px; color: #595959; margin: 0 0 4px 0; }
.data-table { border-collapse: collapse; width: 100%; margin: 0 0 20px 0; font-family: ${SANS}; font-size: 15px; }
.data-table caption { text-align: left; font-weight: bold; padding: 0 0 8px 0; color: #1b1b1b; }
.data-table th { text-align: left; border-bottom: 2px solid #1b1b1b; padding: 6px 8px; color: #1b1b1b; }
.data-table td { border-bottom: 1px solid #d6d3cc; padding: 6px 8px; vertical-align: top; color: #1b1b1b; }
.panel { margin: 0 0 20px 0; background-color: #f6f4ef; border: 1px solid #d6d3cc; }
.panel-cell { padding: 16px; font-family: ${SANS}; }
.panel-kicker { font-size: 12px; letter-spacing: 0.05em; text-transform: uppercase; color: ${a}; margin: 0 0 4px 0; }
.panel-title { font-size: 18px; font-weight: bold; margin: 0 0 4px 0; }
.panel-title a { color: #1b1b1b; text-decoration: none; }
.panel-note { font-size: 14px; color: #595959; margin: 0; }
.video-poster { margin: 0 0 8px 0; background-color: #1b1b1b; }
.video-poster-cell { padding: 48px 16px; text-align: center; font-family: ${SANS}; }
.video-poster-cell a { color: #ffffff; text-decoration: none; }
.video-play { font-size: 40px; line-height: 1; }
.video-poster-title { font-size: 18px; font-weight: bold; }
.video-poster-cta { font-size: 14px; text-decoration: underline; }
.legacy-html img { max-width: 100%; height: auto; }
.corrections { margin: 24px 0 0 0; padding: 16px 0 0 0; border-top: 1px solid #d6d3cc; font-family: ${SANS}; font-size: 15px; }
.corrections h2 { font-family: ${SANS}; font-size: 18px; margin: 0 0 8px 0; }
.read-on { font-family: ${SANS}; font-size: 16px; margin: 24px 0 0 0; }
.read-on a { color: ${a}; font-weight: bold; }
.digest-item { border-top: 1px solid #d6d3cc; }
.digest-image { padding: 20px 16px 20px 0; vertical-align: top; width: 160px; }
.digest-text { padding: 20px 0; vertical-align: top; }
.digest-title { font-family: ${SERIF}; font-size: 21px; line-height: 1.25; font-weight: bold; margin: 0 0 6px 0; }
.digest-title a { color: #1b1b1b; text-decoration: none; }
.digest-summary { font-size: 16px; line-height: 1.45; color: #3f3f3f; margin: 0 0 6px 0; }
.digest-meta { font-family: ${SANS}; font-size: 13px; color: #595959; margin: 0; }
.preheader { display: none; max-height: 0; overflow: hidden; mso-hide: all; font-size: 1px; line-height: 1px; color: #ffffff; opacity: 0; }
@media (prefers-color-scheme: dark) {
  body, .outer { background-color: #121212 !important; }
  .container { background-color: #1e1e1e !important; }
  .content, .masthead a, h1, h1 a, h2, h3, h4, .pull-quote, .panel-title a, .digest-title a, .data-table caption, .data-table th, .data-table td { color: #ece9e4 !important; }
  .dek, .intro, .quote-speaker, .digest-summary { color: #c9c5bf !important; }
  .meta, .meta a, .caption, .caption a, .footer, .footer a, .panel-note, .digest-meta, .code-language { color: #a8a49d !important; }
  a { color: #8ab4f8 !important; }
  .kicker, .kicker a, .panel-kicker { color: #f28b82 !important; }
  .commentary { background-color: #2b2113 !important; }
  .commentary-cell, .commentary-cell p, .commentary-cell a { color: #f5d9b8 !important; }
  .commentary-label { color: #f0a257 !important; }
  .panel, .code { background-color: #2a2a2a !important; color: #ece9e4 !important; }
  .data-table th { border-bottom-color: #ece9e4 !important; }
  .video-poster-cell a { color: #ffffff !important; }
}
@media (max-width: 620px) {
  .content, .footer, .masthead { padding-left: 16px !important; padding-right: 16px !important; }
  .digest-image { display: block !important; width: 100% !important; padding: 20px 0 0 0 !important; }
  .digest-text { display: block !important; }
}
`;
}
