import type { SiteContext } from "../context.js";
import { renderDocument } from "../render.js";
import { StatusPage } from "./status.js";

/** The 500 page; it never shows error details, which go to the server log instead. */
export function ErrorPage({ ctx }: { ctx: SiteContext }) {
  return (
    <StatusPage ctx={ctx} title="Something went wrong">
      <p>
        The page could not be shown because of a problem on our side. It has been logged. Please try
        again in a moment.
      </p>
    </StatusPage>
  );
}

/** The 503 page while the database cannot be reached; rendered from memory alone. */
export function UnavailablePage({ ctx }: { ctx: SiteContext }) {
  return (
    <StatusPage ctx={ctx} title="Briefly unavailable">
      <p>
        This page cannot be shown right now because part of our system is down. We are on it; please
        try again in a minute.
      </p>
    </StatusPage>
  );
}

/** The page for a request the server refuses (e.g. commenting where comments are closed). */
export function ForbiddenPage({ ctx, message }: { ctx: SiteContext; message: string }) {
  return (
    <StatusPage ctx={ctx} title="Not allowed">
      <p>{message}</p>
    </StatusPage>
  );
}

/** The page for a malformed request (e.g. a form that could not be read). */
export function BadRequestPage({ ctx, message }: { ctx: SiteContext; message: string }) {
  return (
    <StatusPage ctx={ctx} title="The request could not be read">
      <p>{message}</p>
    </StatusPage>
  );
}

/** Renders the 500 page to HTML. */
export function renderErrorPage(ctx: SiteContext): string {
  return renderDocument(<ErrorPage ctx={ctx} />);
}

/** Renders the 503 page to HTML. */
export function renderUnavailablePage(ctx: SiteContext): string {
  return renderDocument(<UnavailablePage ctx={ctx} />);
}

/** Renders the 403 page to HTML. */
export function renderForbiddenPage(ctx: SiteContext, message: string): string {
  return renderDocument(<ForbiddenPage ctx={ctx} message={message} />);
}

/** Renders the 400 page to HTML. */
export function renderBadRequestPage(ctx: SiteContext, message: string): string {
  return renderDocument(<BadRequestPage ctx={ctx} message={message} />);
}
