// The frame every newsletter shares: one centred 600px column built of tables (Outlook lays out
// nothing else reliably), the publication's name at the top, a hidden preheader, and a footer
// that says why the reader gets this and how to stop. Finished by juice, which inlines the
// stylesheet and keeps the dark-mode and narrow-screen rules in a <style>.
import juice from "juice";
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { homePath } from "../../content/public-paths.js";
import { EMAIL_LINK_PLACEHOLDERS } from "./placeholders.js";
import { emailCss } from "./styles.js";
import { TEXT_WIDTH, wrap } from "./text.js";
import type { EmailNewsletter, EmailPublication } from "./types.js";
import { siteUrl } from "./urls.js";

/** What the frame needs besides the content. */
export interface FrameProps {
  publication: EmailPublication;
  newsletter: EmailNewsletter;
  subject: string;
  preheader: string;
}

// Keeps a client from filling the inbox preview with the first words of the body after a short
// preheader: zero-width non-joiners and non-breaking spaces read as nothing.
const PREHEADER_PADDING = "\u200c\u00a0".repeat(60);

function Footer({ publication, newsletter }: Pick<FrameProps, "publication" | "newsletter">) {
  return (
    <td class="footer">
      <p>
        You subscribed to {newsletter.name} of{" "}
        <a href={siteUrl(publication.publicUrl, homePath())}>{publication.name}</a>. This message
        holds no tracking pixel and its links go straight to where they say.
      </p>
      <p>
        <a href={EMAIL_LINK_PLACEHOLDERS.webVersion}>View in your browser</a>
        {" · "}
        <a href={EMAIL_LINK_PLACEHOLDERS.preferences}>Your preferences</a>
        {" · "}
        <a href={EMAIL_LINK_PLACEHOLDERS.unsubscribe}>Unsubscribe</a>
      </p>
    </td>
  );
}

function Frame({ props, children }: { props: FrameProps; children: ComponentChildren }) {
  const { publication, newsletter, subject, preheader } = props;
  return (
    <html lang={publication.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{subject}</title>
        {/* Our own constant stylesheet (styles.ts): juice inlines it below. */}
        <style dangerouslySetInnerHTML={{ __html: emailCss(publication.accentColor) }} />
      </head>
      <body class="body">
        <div class="preheader" aria-hidden="true">
          {preheader}
          {PREHEADER_PADDING}
        </div>
        <table role="presentation" class="outer" width="100%" cellPadding="0" cellSpacing="0">
          <tbody>
            <tr>
              <td align="center">
                <table
                  role="presentation"
                  class="container"
                  width="600"
                  cellPadding="0"
                  cellSpacing="0"
                >
                  <tbody>
                    <tr>
                      <td class="masthead">
                        <a href={siteUrl(publication.publicUrl, homePath())}>{publication.name}</a>
                      </td>
                    </tr>
                    <tr>
                      <td class="content">{children}</td>
                    </tr>
                    <tr>
                      <Footer publication={publication} newsletter={newsletter} />
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

/** The finished HTML part: rendered, escaped by preact, its stylesheet inlined by juice. */
export function renderHtml(props: FrameProps, content: ComponentChildren): string {
  const html = `<!DOCTYPE html>${renderToString(<Frame props={props}>{content}</Frame>)}`;
  return juice(html, {
    preserveMediaQueries: true,
    removeStyleTags: true,
    // Width and height stay as the renderer set them: juice would copy CSS sizes onto tables.
    applyWidthAttributes: false,
    applyHeightAttributes: false,
  });
}

/** The plain-text footer: the same reasons and links as the HTML one. */
export function textFooter({
  publication,
  newsletter,
}: Pick<FrameProps, "publication" | "newsletter">) {
  return [
    "-".repeat(Math.min(TEXT_WIDTH, 40)),
    wrap(
      `You subscribed to ${newsletter.name} of ${publication.name} (${siteUrl(publication.publicUrl, homePath())}). This message holds no tracking pixel and its links go straight to where they say.`,
    ),
    `View in your browser: ${EMAIL_LINK_PLACEHOLDERS.webVersion}`,
    `Your preferences: ${EMAIL_LINK_PLACEHOLDERS.preferences}`,
    `Unsubscribe: ${EMAIL_LINK_PLACEHOLDERS.unsubscribe}`,
  ].join("\n");
}

/** Text as one line (the preheader): line breaks and other control characters become spaces. */
export function oneLine(subject: string): string {
  return subject
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
