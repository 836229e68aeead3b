import { HONEYPOT_FIELD } from "../comments/policy.js";

/** Where the newsletter forms post, and the newsletters page. */
export const NEWSLETTER_PATH = "/newsletter";

/**
 * The short subscribe form under an article and on the front page: an address, no choice of
 * newsletter (it subscribes to the first; the confirmation page and /newsletter offer the
 * rest). The same for every reader, so the page around it stays cacheable; plain POST, no script.
 */
export function SubscribeBox({ form }: { form: "article" | "home" }) {
  const id = `subscribe-${form}`;
  return (
    <aside class="subscribe-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="subscribe-title">
        Get our newsletter
      </h2>
      <form method="post" action={NEWSLETTER_PATH}>
        <input type="hidden" name="form" value={form} />
        <div class="field">
          <label for={`${id}-email`}>Your email address</label>
          <p class="hint" id={`${id}-hint`}>
            We send a message to confirm it first; nothing else until you do.
          </p>
          <input
            id={`${id}-email`}
            type="email"
            name="email"
            required
            autocomplete="email"
            aria-describedby={`${id}-hint`}
          />
        </div>
        <HoneypotField id={`${id}-website`} />
        <button type="submit" class="button">
          Subscribe
        </button>
        <p class="hint">
          <a href={NEWSLETTER_PATH}>All our newsletters</a>
        </p>
      </form>
    </aside>
  );
}

/** A field people never fill in (hidden from them and from assistive technology); bots do. */
export function HoneypotField({ id }: { id: string }) {
  return (
    <div class="comment-hp" aria-hidden="true">
      <label for={id}>Leave this empty</label>
      <input id={id} name={HONEYPOT_FIELD} type="text" tabindex={-1} autocomplete="off" />
    </div>
  );
}
