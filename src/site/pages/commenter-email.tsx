// The page a commenter's email confirmation link opens (issue 15): a button whose POST confirms
// (mail scanners fetch links, so the GET changes nothing), and the answers after it.
import { commenterConfirmPath } from "../../content/public-paths.js";
import type { SiteContext } from "../context.js";
import { renderDocument } from "../render.js";
import { StatusPage } from "./status.js";

/** What a link turned out to be, as the page explains it. */
export type CommenterLinkProblem = "used" | "expired" | "unknown";

const PROBLEMS: Record<CommenterLinkProblem, { title: string; text: string }> = {
  used: {
    title: "Already confirmed",
    text: "This link has been used: the address was confirmed, and nothing more needs doing.",
  },
  expired: {
    title: "This link has expired",
    text: "Confirmation links work for 24 hours. Post another comment from the same browser and tick the box under your email to get a new one.",
  },
  unknown: {
    title: "This link does not work",
    text: "The link is not one we sent, or it was cut short or changed on the way. Copy the whole link from the message, or ask for a new one with your next comment.",
  },
};

/** The link's page with its button; `token` goes back in the form. */
export function renderCommenterConfirmPage(ctx: SiteContext, token: string): string {
  return renderDocument(
    <StatusPage ctx={ctx} title="Confirm your email address">
      <p>
        Confirm this address to have your comments from the browser you commented with published
        without waiting for an editor. Your address is never shown with your comments.
      </p>
      <form method="post" action={commenterConfirmPath()}>
        <input type="hidden" name="t" value={token} />
        <button type="submit" class="button">
          Confirm my email address
        </button>
      </form>
    </StatusPage>,
  );
}

/** After the button: confirmed. */
export function renderCommenterConfirmedPage(ctx: SiteContext): string {
  return renderDocument(
    <StatusPage ctx={ctx} title="Email address confirmed">
      <p>
        Thank you. From now on, your comments from the browser you commented with are published at
        once.
      </p>
    </StatusPage>,
  );
}

/** A link that is used, expired or not ours. */
export function renderCommenterLinkProblemPage(
  ctx: SiteContext,
  problem: CommenterLinkProblem,
): string {
  const { title, text } = PROBLEMS[problem];
  return renderDocument(
    <StatusPage ctx={ctx} title={title}>
      <p>{text}</p>
    </StatusPage>,
  );
}
