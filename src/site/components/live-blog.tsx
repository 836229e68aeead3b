// A live article's coverage on its page: the state (live or ended), pinned key updates, then every
// update newest first, each with its time and author. Rendered on the server, so it reads without
// JavaScript; assets/live.js keeps it current from the article's event stream, inserting the
// same fragments (LiveUpdateItem) the server renders once per change.
import { renderToString } from "preact-render-to-string";
import type { LiveBlog, LiveCoverage, LiveUpdate, LiveUpdateRefs } from "../../content/index.js";
import { authorPath } from "../../content/public-paths.js";
import { Body } from "../blocks/index.js";
import { formatDateTime } from "../format.js";

/** What rendering updates needs besides them. */
export interface LiveRenderOptions {
  language: string;
  /** The site's public origin (tracker links). */
  origin: string;
}

/** One update: its time (a link to itself), author, "Key update" when pinned, and its blocks. */
export function LiveUpdateItem({
  update,
  refs,
  options,
}: {
  update: LiveUpdate;
  refs: LiveUpdateRefs;
  options: LiveRenderOptions;
}) {
  const author = update.authorId ? refs.people[update.authorId] : undefined;
  const id = `update-${update.id}`;
  return (
    <li
      class={update.pinned ? "live-update live-update-pinned" : "live-update"}
      id={id}
      data-posted={update.postedAt}
      data-pinned={update.pinned ? "" : undefined}
    >
      <article aria-labelledby={`${id}-time`}>
        <p class="live-update-meta">
          <a href={`#${id}`} class="live-update-time" id={`${id}-time`}>
            <time datetime={update.postedAt}>
              {formatDateTime(update.postedAt, options.language)}
            </time>
          </a>
          {author ? (
            <>
              {" · "}
              <a href={authorPath(author.slug)} rel="author" class="live-update-author">
                {author.name}
              </a>
            </>
          ) : null}
          {update.pinned ? <span class="live-update-key"> · Key update</span> : null}
        </p>
        <div class="live-update-body">
          <Body
            blocks={update.body}
            refs={{ media: refs.media, trackers: refs.trackers, origin: options.origin }}
          />
        </div>
      </article>
    </li>
  );
}

/** Whether coverage goes on or ended, and when; replaced as a whole when it changes. */
export function LiveStatus({
  coverage,
  options,
}: {
  coverage: LiveCoverage;
  options: LiveRenderOptions;
}) {
  return coverage.endedAt ? (
    <p class="live-status live-status-ended" data-live-status="ended">
      <strong>Live coverage has ended.</strong> Last changed{" "}
      <time datetime={coverage.endedAt}>{formatDateTime(coverage.endedAt, options.language)}</time>.
    </p>
  ) : (
    <p class="live-status live-status-on" data-live-status="live">
      <strong class="live-badge">Live</strong> Coverage continues: new updates appear at the top of
      this list.
    </p>
  );
}

/** The newest time any update changed, which a reader's stream resumes from. */
export function liveSince(updates: readonly LiveUpdate[]): string {
  // ISO times compare as strings; Math.max (which the linter suggests) would compare numbers.
  // biome-ignore lint/complexity/useMathMinMax: these are strings
  return updates.reduce((max, u) => (u.updatedAt > max ? u.updatedAt : max), "");
}

/** The whole coverage section of a live article's page. */
export function LiveBlogSection({
  slug,
  live,
  options,
}: {
  slug: string;
  live: LiveBlog;
  options: LiveRenderOptions;
}) {
  const pinned = live.updates.filter((u) => u.pinned);
  const rest = live.updates.filter((u) => !u.pinned);
  return (
    <section
      class="live-blog"
      aria-labelledby="live-title"
      data-live-src={`/articles/${slug}/live-updates`}
      data-live-since={liveSince(live.updates)}
    >
      <h2 id="live-title">Live updates</h2>
      <LiveStatus coverage={live.coverage} options={options} />
      {live.coverage.endedAt ? null : (
        <noscript>
          <p class="live-noscript">Reload this page to see the newest updates.</p>
        </noscript>
      )}
      <p class="visually-hidden" aria-live="polite" data-live-announce="" />
      <section
        class="live-pinned"
        aria-labelledby="live-pinned-title"
        hidden={pinned.length === 0}
        data-live-pinned=""
      >
        <h3 id="live-pinned-title">Key updates</h3>
        <ol class="live-updates" data-live-list="pinned">
          {pinned.map((u) => (
            <LiveUpdateItem update={u} refs={live.refs} options={options} key={u.id} />
          ))}
        </ol>
      </section>
      <p class="live-empty" data-live-empty="" hidden={live.updates.length > 0}>
        No updates yet.
      </p>
      <ol class="live-updates" data-live-list="stream">
        {rest.map((u) => (
          <LiveUpdateItem update={u} refs={live.refs} options={options} key={u.id} />
        ))}
      </ol>
    </section>
  );
}

/** One update's HTML, as the stream sends it to readers' pages. */
export function renderLiveUpdate(
  update: LiveUpdate,
  refs: LiveUpdateRefs,
  options: LiveRenderOptions,
): string {
  return renderToString(<LiveUpdateItem update={update} refs={refs} options={options} />);
}

/** The coverage state's HTML, as the stream sends it. */
export function renderLiveStatus(coverage: LiveCoverage, options: LiveRenderOptions): string {
  return renderToString(<LiveStatus coverage={coverage} options={options} />);
}
