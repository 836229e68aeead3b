// The messages a subscriber gets outside editions (issue 15): the double opt-in confirmation and
// "you are already subscribed". Plain and short: a subject, a text part and a simple HTML part
// with every value escaped; no images, no tracking, links as they are.
import { safeSubject } from "../content/email-address.js";

/** A rendered message. */
export interface SubscriberMessage {
  subject: string;
  html: string;
  text: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

type Line = string | { link: string; label: string };

function compose(subject: string, lines: readonly Line[]): SubscriberMessage {
  const text = lines
    .map((l) => (typeof l === "string" ? l : `${l.label}:\n${l.link}`))
    .join("\n\n");
  const body = lines
    .map((l) =>
      typeof l === "string"
        ? `<p>${escapeHtml(l)}</p>`
        : `<p><a href="${escapeHtml(l.link)}" style="display:inline-block;padding:10px 18px;background:#1a4d8f;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(l.label)}</a></p>`,
    )
    .join("\n");
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5;max-width:36em;margin:0 auto;padding:16px">
${body}
</body></html>`;
  return { subject: safeSubject(subject), html, text };
}

/** What the messages name: the publication and the newsletters concerned. */
export interface SubscriberMessageInput {
  publication: string;
  newsletterNames: readonly string[];
}

/** The double opt-in message: nothing is sent to the address until its link is followed. */
export function confirmationMessage(
  input: SubscriberMessageInput,
  links: { confirm: string },
): SubscriberMessage {
  const lists = input.newsletterNames.join(", ");
  return compose(`Confirm your subscription to ${input.publication}`, [
    `Someone, probably you, asked to receive ${lists || "our newsletter"} from ${input.publication} at this address.`,
    { link: links.confirm, label: "Confirm my subscription" },
    "The link opens a page with a button; nothing is subscribed until you press it.",
    "If you did not ask for this, ignore this message: you will get nothing more from us.",
  ]);
}

/**
 * For an address that is already confirmed and subscribes again: no second subscription, a link
 * to change which newsletters it gets instead (the form never says whether an address is known).
 */
export function alreadySubscribedMessage(
  input: SubscriberMessageInput,
  links: { preferences: string },
): SubscriberMessage {
  return compose(`You are already subscribed to ${input.publication}`, [
    `Someone, probably you, asked to subscribe this address to ${input.newsletterNames.join(", ") || "our newsletter"}. It is already subscribed, so nothing has changed.`,
    "To choose other newsletters, change your name or unsubscribe, use your preferences page:",
    { link: links.preferences, label: "Manage my subscription" },
    "If you did not ask for this, ignore this message.",
  ]);
}
