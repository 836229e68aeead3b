import { inlineText, type Tracker, type TrackerEntry } from "../../content/index.js";
import { trackerPath } from "../../content/public-paths.js";
import { InlineText, Link, safeHref } from "../blocks/inline.js";
import type { SiteContext } from "../context.js";
import { entriesLabel, formatDate } from "../format.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { trackerSeo } from "../seo/pages.js";

function Entry({ entry, language }: { entry: TrackerEntry; language: string }) {
  const source = safeHref(entry.sourceUrl);
  const sourceText = entry.sourceName || (source ? "Source" : "");
  return (
    <li class="tracker-entry">
      <h2 class="tracker-entry-title">{entry.title}</h2>
      {entry.occurredOn ? (
        <p class="tracker-entry-date">
          <time datetime={entry.occurredOn}>{formatDate(entry.occurredOn, language)}</time>
        </p>
      ) : null}
      {entry.summary ? <p>{entry.summary}</p> : null}
      {sourceText ? (
        <p class="tracker-entry-source">
          Source: {source ? <Link href={source}>{sourceText}</Link> : sourceText}
        </p>
      ) : null}
    </li>
  );
}

/** A tracker: title, description, entry count, last update and every entry in order. */
export function TrackerPage({ ctx, tracker }: { ctx: SiteContext; tracker: Tracker }) {
  const language = ctx.settings.language;
  const entries = [...tracker.entries].sort((a, b) => a.position - b.position);
  const seo = trackerSeo(ctx, tracker);
  return (
    <Layout
      ctx={ctx}
      title={tracker.title}
      description={inlineText(tracker.description) || undefined}
      path={trackerPath(tracker.slug)}
      social={seo.social}
      jsonLd={seo.jsonLd}
    >
      <header class="page-header">
        <p class="kicker">Tracker</p>
        <h1>{tracker.title}</h1>
        {tracker.description.length > 0 ? (
          <p class="page-description">
            <InlineText runs={tracker.description} />
          </p>
        ) : null}
        <p class="meta">
          <span class="tracker-count">{entriesLabel(entries.length)}</span>
          <span>
            Last updated{" "}
            <time datetime={tracker.updatedAt}>{formatDate(tracker.updatedAt, language)}</time>
          </span>
        </p>
      </header>
      {entries.length > 0 ? (
        <ol class="tracker-entries">
          {entries.map((e) => (
            <Entry entry={e} language={language} key={e.id} />
          ))}
        </ol>
      ) : (
        <p class="empty">No entries yet.</p>
      )}
    </Layout>
  );
}

/** Renders a tracker page to HTML. */
export function renderTrackerPage(props: { ctx: SiteContext; tracker: Tracker }): string {
  return renderDocument(<TrackerPage {...props} />);
}
