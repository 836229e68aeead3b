// The newsletter's public pages (issue 15): /newsletter (the list and its form; the forms under
// articles and on the front page post here too), "check your inbox", and the pages behind the
// links in subscribers' messages. Links open a page; only the page's POST acts (mail scanners
// fetch links), except the RFC 8058 one-click POST a mail client sends to the unsubscribe link.
// Every answer is personal: no-store, never in the page cache.
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseEmailAddress } from "../../content/email-address.js";
import {
  ContentInvalidError,
  type FieldIssue,
  RateLimitedError,
  SUBSCRIBE_FORMS,
  type SubscribeForm,
} from "../../content/index.js";
import { subscriberLinks } from "../../mail/links.js";
import {
  activeNewsletters,
  confirmSubscription,
  eraseOnRequest,
  linkedSubscriber,
  sendingEnabled,
  subscribe,
  unsubscribe,
  updatePreferences,
} from "../../services/subscriptions.js";
import { HONEYPOT_FIELD } from "../comments/policy.js";
import { NEWSLETTER_PATH } from "../components/subscribe-form.js";
import {
  type NewsletterPageContext,
  renderCheckInboxPage,
  renderConfirmedPage,
  renderConfirmPage,
  renderDeletedPage,
  renderLinkInvalidPage,
  renderNewslettersPage,
  renderPreferencesPage,
  renderTooManyPage,
  renderUnsubscribedPage,
  renderUnsubscribePage,
  type SubscribeFormState,
} from "../pages/newsletter.js";
import { loadContext, type SiteDeps, sendHtml } from "./respond.js";

/** Submissions of one address to the form, per window (per instance; the mail limit is global). */
export const SUBSCRIBE_FORM_LIMIT = { max: 5, timeWindow: 10 * 60_000 };
/**
 * Submissions from one network address, whatever the addresses typed: someone signing up a list
 * of strangers (each of whom would get a confirmation message) is stopped here.
 */
export const SUBSCRIBE_CLIENT_LIMIT = { max: 20, timeWindow: 10 * 60_000 };

const ADDRESS_FLOODED =
  "This address was submitted several times in a few minutes. Wait ten minutes, then try again.";
const CLIENT_FLOODED =
  "Many subscriptions came from your network in the last few minutes. Wait ten minutes, then try again.";

/** What the rate limiter throws past a limit, with the words the page shows. */
const flooded = (message: string) => () => ({ statusCode: 429, message });

type Query = Record<string, unknown>;

/** A form value as a string (formbody gives arrays for repeated fields). */
function formValue(body: unknown, name: string): string {
  if (typeof body !== "object" || body === null) return "";
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return "";
}

/** Every value of a repeated form field. */
function formValues(body: unknown, name: string): string[] {
  if (typeof body !== "object" || body === null) return [];
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return [];
}

const linkOf = (query: Query) => ({ id: query.s, token: query.t });

/** The path and query of a link page, as its form's action (the token travels with it). */
function actionOf(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const key of ["s", "t", "e"])
    if (typeof query[key] === "string") params.set(key, query[key] as string);
  return `${path}?${params}`;
}

/** The per-address key of the form's rate limit: the address as the service will read it. */
function addressKey(request: FastifyRequest): string {
  const raw = formValue(request.body, "email");
  const parsed = parseEmailAddress(raw);
  return parsed.ok ? `subscribe:${parsed.address.toLowerCase()}` : `subscribe-ip:${request.ip}`;
}

/** The text fields of a small multipart/form-data body, by name (files are not expected). */
function multipartFields(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of body.split(/\r?\n?--[^\r\n]*\r?\n/)) {
    const match = /name="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*)$/.exec(part);
    if (match?.[1] !== undefined) fields[match[1]] = (match[2] ?? "").replace(/\r?\n$/, "");
  }
  return fields;
}

/** The newsletter pages and their form targets. */
export function registerNewsletterRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const { store, config } = deps;
  const pageContext = async (): Promise<NewsletterPageContext> => ({
    ...(await loadContext(deps)),
    sending: sendingEnabled(config),
  });
  const invalid = async (reply: FastifyReply) =>
    sendHtml(reply, 404, renderLinkInvalidPage(await loadContext(deps)));

  app.register(async (scope) => {
    await scope.register(fastifyRateLimit, { global: false });
    // Over the limit: a page that says so; every other error goes on to the site's handler.
    scope.setErrorHandler(
      async (error: { statusCode?: number; message?: string }, _request, reply) => {
        if (error.statusCode !== 429) throw error;
        const message = error.message === CLIENT_FLOODED ? CLIENT_FLOODED : ADDRESS_FLOODED;
        return sendHtml(reply, 429, renderTooManyPage(await pageContext(), message));
      },
    );

    scope.get(NEWSLETTER_PATH, async (_request, reply) =>
      sendHtml(
        reply,
        200,
        renderNewslettersPage(await pageContext(), await activeNewsletters(store)),
      ),
    );

    const clientLimit = scope.createRateLimit({
      ...SUBSCRIBE_CLIENT_LIMIT,
      keyGenerator: (request) => `subscribe-client:${request.ip}`,
    });

    scope.post(
      NEWSLETTER_PATH,
      {
        config: {
          rateLimit: {
            ...SUBSCRIBE_FORM_LIMIT,
            hook: "preHandler",
            keyGenerator: addressKey,
            errorResponseBuilder: flooded(ADDRESS_FLOODED),
          },
        },
        // The plugin runs one of its limits per request, so this one is asked by hand; it runs
        // before the per-address limit (route-level preHandlers first).
        preHandler: async (request) => {
          const limit = await clientLimit(request);
          if (!limit.isAllowed && limit.isExceeded) throw flooded(CLIENT_FLOODED)();
        },
      },
      async (request, reply) => {
        const body = request.body;
        const formName = formValue(body, "form");
        const form: SubscribeForm = (SUBSCRIBE_FORMS as readonly string[]).includes(formName)
          ? (formName as SubscribeForm)
          : "newsletter-page";
        const state: SubscribeFormState = {
          email: formValue(body, "email"),
          name: formValue(body, "name"),
          newsletterIds: formValues(body, "newsletter"),
          errors: {},
          general: [],
        };
        const refuse = async (status: number, issues: readonly FieldIssue[]) => {
          for (const i of issues) {
            const field = i.path as keyof SubscribeFormState["errors"];
            if (field === "email" || field === "name" || field === "newsletters")
              state.errors[field] ??= i.message;
            else state.general.push(i.message);
          }
          const newsletters = await activeNewsletters(store);
          return sendHtml(
            reply,
            status,
            renderNewslettersPage(await pageContext(), newsletters, state),
          );
        };
        // A bot that fills every field is told nothing useful and nothing is written.
        if (formValue(body, HONEYPOT_FIELD) !== "")
          return refuse(400, [
            {
              path: "",
              message: "the form looks filled in by a program (a hidden field had text)",
            },
          ]);
        try {
          await subscribe(
            { store, config },
            {
              email: state.email,
              name: state.name,
              newsletterIds: state.newsletterIds,
              form,
            },
          );
        } catch (error) {
          if (error instanceof ContentInvalidError) return refuse(400, error.issues);
          if (error instanceof RateLimitedError)
            return sendHtml(reply, 429, renderTooManyPage(await pageContext(), error.message));
          throw error;
        }
        return reply.redirect(`${NEWSLETTER_PATH}/check-inbox`, 303);
      },
    );

    // RFC 8058 lets a mail client send its one-click POST as multipart/form-data too.
    scope.addContentTypeParser(
      "multipart/form-data",
      { parseAs: "string", bodyLimit: 16 * 1024 },
      (_request, body, done) => done(null, multipartFields(body as string)),
    );

    // Unsubscribe: the page's button, or a mail client's RFC 8058 one-click POST.
    scope.post(`${NEWSLETTER_PATH}/unsubscribe`, async (request, reply) => {
      const query = request.query as Query;
      const oneClick = formValue(request.body, "List-Unsubscribe") === "One-Click";
      const outcome = await unsubscribe({ store, config }, linkOf(query), {
        purpose: "unsubscribe",
        form: oneClick ? "one-click" : "unsubscribe-page",
        editionId: query.e,
      });
      if (oneClick)
        return reply
          .code(outcome === "invalid" ? 404 : 200)
          .header("cache-control", "no-store")
          .type("text/plain; charset=utf-8")
          .send(outcome === "invalid" ? "This link is not valid.\n" : "Unsubscribed.\n");
      if (outcome === "invalid") return invalid(reply);
      const subscriber = await linkedSubscriber(store, linkOf(query), "unsubscribe");
      const preferences = subscriber
        ? subscriberLinks(config.publicUrl, subscriber).preferences
        : "";
      return sendHtml(
        reply,
        200,
        renderUnsubscribedPage(await loadContext(deps), preferences, outcome === "already"),
      );
    });
  });

  app.get(`${NEWSLETTER_PATH}/check-inbox`, async (_request, reply) =>
    sendHtml(reply, 200, renderCheckInboxPage(await pageContext())),
  );

  // Confirm: the page shows the newsletters chosen, ticked; its button confirms.
  app.get(`${NEWSLETTER_PATH}/confirm`, async (request, reply) => {
    const query = request.query as Query;
    const subscriber = await linkedSubscriber(store, linkOf(query), "confirm");
    if (!subscriber || subscriber.status === "unsubscribed") return invalid(reply);
    const ctx = await loadContext(deps);
    if (subscriber.status === "confirmed")
      return sendHtml(
        reply,
        200,
        renderConfirmedPage(ctx, subscriberLinks(config.publicUrl, subscriber).preferences, true),
      );
    const newsletters = await activeNewsletters(store);
    return sendHtml(
      reply,
      200,
      renderConfirmPage(
        ctx,
        newsletters,
        subscriber.newsletterIds,
        actionOf(`${NEWSLETTER_PATH}/confirm`, query),
      ),
    );
  });

  app.post(`${NEWSLETTER_PATH}/confirm`, async (request, reply) => {
    const query = request.query as Query;
    const ticked = formValues(request.body, "newsletter");
    const ctx = await loadContext(deps);
    let outcome: Awaited<ReturnType<typeof confirmSubscription>>;
    try {
      outcome = await confirmSubscription({ store, config }, linkOf(query), ticked);
    } catch (error) {
      if (!(error instanceof ContentInvalidError)) throw error;
      const newsletters = await activeNewsletters(store);
      return sendHtml(
        reply,
        400,
        renderConfirmPage(
          ctx,
          newsletters,
          ticked,
          actionOf(`${NEWSLETTER_PATH}/confirm`, query),
          error.issues[0]?.message,
        ),
      );
    }
    if (outcome === "invalid") return invalid(reply);
    const subscriber = await linkedSubscriber(store, linkOf(query), "confirm");
    const preferences = subscriber ? subscriberLinks(config.publicUrl, subscriber).preferences : "";
    return sendHtml(reply, 200, renderConfirmedPage(ctx, preferences, outcome === "already"));
  });

  // Preferences: name, newsletters, unsubscribe from all, delete my data.
  const preferencesPage = async (
    reply: FastifyReply,
    query: Query,
    status: number,
    extra: { saved?: boolean; error?: { field: "name" | "newsletters"; message: string } } = {},
    typed?: { name: string; checked: string[] },
  ) => {
    const subscriber = await linkedSubscriber(store, linkOf(query), "manage");
    if (!subscriber) return invalid(reply);
    return sendHtml(
      reply,
      status,
      renderPreferencesPage(await loadContext(deps), {
        email: subscriber.email,
        name: typed?.name ?? subscriber.name ?? "",
        status: subscriber.status,
        newsletters: await activeNewsletters(store),
        checked: typed?.checked ?? subscriber.newsletterIds,
        action: actionOf(`${NEWSLETTER_PATH}/preferences`, query),
        ...extra,
      }),
    );
  };

  app.get(`${NEWSLETTER_PATH}/preferences`, (request, reply) =>
    preferencesPage(reply, request.query as Query, 200),
  );

  app.post(`${NEWSLETTER_PATH}/preferences`, async (request, reply) => {
    const query = request.query as Query;
    const body = request.body;
    const what = formValue(body, "do");
    const link = linkOf(query);
    if (what === "delete") {
      const outcome = await eraseOnRequest({ store, config }, link);
      if (outcome === "invalid") return invalid(reply);
      return sendHtml(reply, 200, renderDeletedPage(await loadContext(deps)));
    }
    if (what === "unsubscribe") {
      const outcome = await unsubscribe({ store, config }, link, {
        purpose: "manage",
        form: "preferences",
      });
      if (outcome === "invalid") return invalid(reply);
      return sendHtml(
        reply,
        200,
        renderUnsubscribedPage(
          await loadContext(deps),
          actionOf(`${NEWSLETTER_PATH}/preferences`, query),
          outcome === "already",
        ),
      );
    }
    const typed = { name: formValue(body, "name"), checked: formValues(body, "newsletter") };
    try {
      const outcome = await updatePreferences({ store, config }, link, {
        name: typed.name,
        newsletterIds: typed.checked,
      });
      if (outcome === "invalid") return invalid(reply);
    } catch (error) {
      if (!(error instanceof ContentInvalidError)) throw error;
      const first = error.issues[0];
      return preferencesPage(
        reply,
        query,
        400,
        {
          error: {
            field: first?.path === "name" ? "name" : "newsletters",
            message: first?.message ?? "check the form",
          },
        },
        typed,
      );
    }
    return preferencesPage(reply, query, 200, { saved: true });
  });

  app.get(`${NEWSLETTER_PATH}/unsubscribe`, async (request, reply) => {
    const query = request.query as Query;
    const subscriber = await linkedSubscriber(store, linkOf(query), "unsubscribe");
    if (!subscriber) return invalid(reply);
    const ctx = await loadContext(deps);
    const preferences = subscriberLinks(config.publicUrl, subscriber).preferences;
    if (subscriber.status === "unsubscribed")
      return sendHtml(reply, 200, renderUnsubscribedPage(ctx, preferences, true));
    return sendHtml(
      reply,
      200,
      renderUnsubscribePage(
        ctx,
        subscriber.email,
        actionOf(`${NEWSLETTER_PATH}/unsubscribe`, query),
      ),
    );
  });
}
