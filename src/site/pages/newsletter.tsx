// The newsletter pages readers reach from the site and from their messages (issue 15): the
// newsletters page with its form, "check your inbox", and the pages behind the confirm,
// preferences and unsubscribe links. A link only opens a page; its button (a POST) acts, so a
// mail scanner fetching links changes nothing. None of these pages is cached.
import type { ComponentChildren } from "preact";
import type { Newsletter } from "../../content/index.js";
import { HoneypotField, NEWSLETTER_PATH } from "../components/subscribe-form.js";
import type { SiteContext } from "../context.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";

/** What the newsletters page's form holds after a refusal. */
export interface SubscribeFormState {
  email: string;
  name: string;
  newsletterIds: readonly string[];
  errors: Partial<Record<"email" | "name" | "newsletters", string>>;
  general: string[];
}

/** Facts every newsletter page may state. */
export interface NewsletterPageContext extends SiteContext {
  /** false while no SMTP server is configured: confirmations wait. */
  sending: boolean;
}

function Page({
  ctx,
  title,
  children,
}: {
  ctx: SiteContext;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title} noindex>
      <div class="status-page newsletter-page">
        <h1>{title}</h1>
        {children}
      </div>
    </Layout>
  );
}

function SendingOff({ ctx }: { ctx: NewsletterPageContext }) {
  return ctx.sending ? null : (
    <p class="notice" role="note">
      Confirmation emails are not being sent yet: your request is kept, and the message goes out
      once the publication starts sending email.
    </p>
  );
}

function Checkboxes({
  newsletters,
  checked,
  error,
}: {
  newsletters: readonly Newsletter[];
  checked: readonly string[];
  error?: string;
}) {
  return (
    <fieldset
      class="field newsletter-choices"
      aria-describedby={error ? "newsletters-error" : undefined}
    >
      <legend>Newsletters</legend>
      {error ? (
        <p class="field-error" id="newsletters-error">
          {error}
        </p>
      ) : null}
      {newsletters.map((n) => (
        <div class="newsletter-choice" key={n.id}>
          <input
            type="checkbox"
            id={`newsletter-${n.id}`}
            name="newsletter"
            value={n.id}
            checked={checked.includes(n.id)}
          />{" "}
          <label for={`newsletter-${n.id}`}>{n.name}</label>
          {n.description ? <p class="hint">{n.description}</p> : null}
        </div>
      ))}
    </fieldset>
  );
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** /newsletter: the active newsletters with checkboxes, an address and a name. */
export function renderNewslettersPage(
  ctx: NewsletterPageContext,
  newsletters: readonly Newsletter[],
  state?: SubscribeFormState,
): string {
  const errors = state?.errors ?? {};
  const checked =
    state?.newsletterIds ?? (newsletters.length === 1 ? [(newsletters[0] as Newsletter).id] : []);
  return renderDocument(
    <Page ctx={ctx} title="Newsletters">
      {newsletters.length === 0 ? (
        <p>There is no newsletter to subscribe to yet.</p>
      ) : (
        <form method="post" action={NEWSLETTER_PATH} class="subscribe-form" novalidate>
          {state && (state.general.length > 0 || Object.keys(errors).length > 0) ? (
            <div class="error-summary" role="alert">
              <p class="error-summary-title">Your subscription was not taken</p>
              <ul>
                {state.general.map((m) => (
                  <li key={m}>{m}</li>
                ))}
                {Object.entries(errors).map(([field, m]) => (
                  <li key={field}>
                    <a
                      href={
                        field === "newsletters"
                          ? `#newsletter-${newsletters[0]?.id}`
                          : `#subscribe-${field}`
                      }
                    >
                      {m}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <input type="hidden" name="form" value="newsletter-page" />
          <Checkboxes newsletters={newsletters} checked={checked} error={errors.newsletters} />
          <div class="field">
            <label for="subscribe-email">Your email address</label>
            <FieldError id="subscribe-email-error" message={errors.email} />
            <input
              id="subscribe-email"
              type="email"
              name="email"
              required
              autocomplete="email"
              value={state?.email ?? ""}
              aria-invalid={errors.email ? "true" : undefined}
              aria-describedby={errors.email ? "subscribe-email-error" : undefined}
            />
          </div>
          <div class="field">
            <label for="subscribe-name">
              Your name <span class="optional">(optional)</span>
            </label>
            <FieldError id="subscribe-name-error" message={errors.name} />
            <input
              id="subscribe-name"
              type="text"
              name="name"
              autocomplete="name"
              maxLength={100}
              value={state?.name ?? ""}
              aria-invalid={errors.name ? "true" : undefined}
              aria-describedby={errors.name ? "subscribe-name-error" : undefined}
            />
          </div>
          <HoneypotField id="subscribe-website" />
          <button type="submit" class="button">
            Subscribe
          </button>
          <p class="hint">
            We send a message to confirm your address first, and at most one such message every ten
            minutes; an address can be submitted a few times an hour. We record when you subscribed
            and to what, and nothing about your reading: our emails carry no tracking.
          </p>
        </form>
      )}
      <SendingOff ctx={ctx} />
    </Page>,
  );
}

/** After the form: the same page whether or not the address was known. */
export function renderCheckInboxPage(ctx: NewsletterPageContext): string {
  return renderDocument(
    <Page ctx={ctx} title="Check your inbox">
      <p>
        If the address you gave can receive email, a message is on its way to it. Follow the link in
        it to confirm your subscription; until then we send you nothing else.
      </p>
      <p>
        Nothing there? Look in your spam folder, or submit the form again in ten minutes: we send at
        most one confirmation message every ten minutes.
      </p>
      <SendingOff ctx={ctx} />
    </Page>,
  );
}

/** Too many requests for one address. */
export function renderTooManyPage(ctx: NewsletterPageContext, message: string): string {
  return renderDocument(
    <Page ctx={ctx} title="Please wait a little">
      <p>{message}</p>
      <p>
        <a href={NEWSLETTER_PATH}>Back to the newsletters</a>
      </p>
    </Page>,
  );
}

/** A link whose token does not match (altered, or its subscriber deleted). */
export function renderLinkInvalidPage(ctx: SiteContext): string {
  return renderDocument(
    <Page ctx={ctx} title="This link is not valid">
      <p>
        The link may have been cut short or changed, or the subscription it was for has been
        deleted. Copy the whole link from the message, or subscribe again.
      </p>
      <p>
        <a href={NEWSLETTER_PATH}>Our newsletters</a>
      </p>
    </Page>,
  );
}

/** The confirmation link's page: the newsletters chosen, ticked, and the button. */
export function renderConfirmPage(
  ctx: SiteContext,
  newsletters: readonly Newsletter[],
  checked: readonly string[],
  action: string,
  error?: string,
): string {
  return renderDocument(
    <Page ctx={ctx} title="Confirm your subscription">
      <form method="post" action={action}>
        <p>Press the button to start receiving these newsletters:</p>
        <Checkboxes newsletters={newsletters} checked={checked} error={error} />
        <button type="submit" class="button">
          Confirm my subscription
        </button>
      </form>
    </Page>,
  );
}

/** After confirming, or following a confirm link again. */
export function renderConfirmedPage(
  ctx: SiteContext,
  preferences: string,
  already: boolean,
): string {
  return renderDocument(
    <Page ctx={ctx} title={already ? "You are already subscribed" : "You are subscribed"}>
      <p>
        {already
          ? "This subscription was confirmed before; nothing has changed."
          : "Thank you: your subscription is confirmed."}
      </p>
      <p>
        Every message we send has a link to your preferences and a link to unsubscribe.{" "}
        <a href={preferences}>Manage your subscription</a>
      </p>
    </Page>,
  );
}

/** The preferences page: name, newsletters, unsubscribe from all, delete my data. */
export function renderPreferencesPage(
  ctx: SiteContext,
  view: {
    email: string;
    name: string;
    status: string;
    newsletters: readonly Newsletter[];
    checked: readonly string[];
    action: string;
    saved?: boolean;
    error?: { field: "name" | "newsletters"; message: string };
  },
): string {
  return renderDocument(
    <Page ctx={ctx} title="Your newsletter preferences">
      {view.saved ? (
        <p class="notice" role="status">
          Your preferences are saved.
        </p>
      ) : null}
      <p>
        For <strong>{view.email}</strong>
        {view.status === "unsubscribed"
          ? ": unsubscribed from every newsletter. Tick one to subscribe again."
          : view.status === "pending"
            ? ": not yet confirmed."
            : "."}
      </p>
      <form method="post" action={view.action}>
        <input type="hidden" name="do" value="save" />
        <div class="field">
          <label for="preferences-name">
            Your name <span class="optional">(optional)</span>
          </label>
          <FieldError
            id="preferences-name-error"
            message={view.error?.field === "name" ? view.error.message : undefined}
          />
          <input
            id="preferences-name"
            type="text"
            name="name"
            maxLength={100}
            value={view.name}
            autocomplete="name"
          />
        </div>
        <Checkboxes
          newsletters={view.newsletters}
          checked={view.checked}
          error={view.error?.field === "newsletters" ? view.error.message : undefined}
        />
        <button type="submit" class="button">
          Save my preferences
        </button>
      </form>
      {view.status === "unsubscribed" ? null : (
        <form method="post" action={view.action}>
          <input type="hidden" name="do" value="unsubscribe" />
          <h2>Unsubscribe</h2>
          <button type="submit" class="button">
            Unsubscribe from all newsletters
          </button>
        </form>
      )}
      <form method="post" action={view.action}>
        <input type="hidden" name="do" value="delete" />
        <h2>Delete my data</h2>
        <p>
          Removes your address, your name, your subscriptions and the record of when you subscribed.
          Links in our earlier messages then stop working.
        </p>
        <button type="submit" class="button">
          Delete my data
        </button>
      </form>
    </Page>,
  );
}

/** The unsubscribe link's page: one button. */
export function renderUnsubscribePage(ctx: SiteContext, email: string, action: string): string {
  return renderDocument(
    <Page ctx={ctx} title="Unsubscribe">
      <form method="post" action={action}>
        <p>
          Stop sending newsletters to <strong>{email}</strong>?
        </p>
        <button type="submit" class="button">
          Unsubscribe
        </button>
      </form>
    </Page>,
  );
}

/** After unsubscribing, or following the link again. */
export function renderUnsubscribedPage(
  ctx: SiteContext,
  preferences: string,
  already: boolean,
): string {
  return renderDocument(
    <Page ctx={ctx} title={already ? "You are already unsubscribed" : "You are unsubscribed"}>
      <p>
        {already
          ? "This address was unsubscribed before; we send it no newsletter."
          : "We will send you no more newsletters."}
      </p>
      <p>
        Changed your mind? <a href={preferences}>Subscribe again from your preferences</a>
      </p>
    </Page>,
  );
}

/** After "delete my data". */
export function renderDeletedPage(ctx: SiteContext): string {
  return renderDocument(
    <Page ctx={ctx} title="Your data is deleted">
      <p>
        Your address, name, subscriptions and their record are gone, and messages not yet sent to
        you are cancelled.
      </p>
    </Page>,
  );
}
