import type { SiteContext } from "../context.js";
import { renderDocument } from "../render.js";
import { StatusPage } from "./status.js";

/** The 404 page. */
export function NotFoundPage({ ctx }: { ctx: SiteContext }) {
  return (
    <StatusPage ctx={ctx} title="Page not found">
      <p>
        There is no page at this address. It may have moved, or the link may have a typo. The latest
        articles and every section are linked at the top of this page.
      </p>
    </StatusPage>
  );
}

/** Renders the 404 page to HTML. */
export function renderNotFoundPage(ctx: SiteContext): string {
  return renderDocument(<NotFoundPage ctx={ctx} />);
}

/** The 410 page: what was here was removed on purpose (e.g. a post kept private when moving in). */
export function GonePage({ ctx }: { ctx: SiteContext }) {
  return (
    <StatusPage ctx={ctx} title="This page is gone">
      <p>
        What was at this address has been removed and is not coming back here. The latest articles
        and every section are linked at the top of this page.
      </p>
    </StatusPage>
  );
}

/** Renders the 410 page to HTML. */
export function renderGonePage(ctx: SiteContext): string {
  return renderDocument(<GonePage ctx={ctx} />);
}
