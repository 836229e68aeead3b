import { useState } from "preact/hooks";
import { Notice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { api, query } from "../lib/api.js";
import { plural } from "../lib/format.js";
import { useTitle } from "../lib/title.js";
import { useResource } from "../lib/use-resource.js";

/** An article among the most read, as GET /readership/most-read returns it. */
interface MostReadItem {
  articleId: string;
  slug: string;
  headline: string;
  status: string;
  views: number;
}

interface MostRead {
  period: Period;
  items: MostReadItem[];
}

interface DailyViews {
  articleId: string;
  headline: string;
  from: string;
  to: string;
  days: { day: string; views: number }[];
  total: number;
}

type Period = "7d" | "30d" | "all";

const PERIODS: { id: Period; label: string }[] = [
  { id: "7d", label: "Last 7 days" },
  { id: "30d", label: "Last 30 days" },
  { id: "all", label: "All time" },
];

const RANGES = [7, 30, 90, 365];
const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const number = (n: number) => n.toLocaleString("en-US");
/** "Nov 26" from "2026-11-26", read as a UTC day (views are counted per UTC day). */
const shortDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });

const mostRead = (period: Period) =>
  api<MostRead>("GET", `/readership/most-read${query({ period, limit: 20 })}`);
const daily = (id: string, days: number) => {
  const today = Date.now();
  return api<DailyViews>(
    "GET",
    `/readership/articles/${id}${query({ from: isoDay(today - (days - 1) * DAY_MS), to: isoDay(today) })}`,
  );
};

const CHART = { barWidth: 12, gap: 3, height: 160, top: 8, bottom: 22, left: 44 };

/**
 * Views per day as an inline SVG bar chart. The SVG is one image to assistive technology, named
 * with a summary; the table after it carries every figure.
 */
function DailyChart({ data }: { data: DailyViews }) {
  const max = Math.max(1, ...data.days.map((d) => d.views));
  const busiest = data.days.reduce<DailyViews["days"][number] | undefined>(
    (a, b) => (!a || b.views > a.views ? b : a),
    undefined,
  );
  const step = data.days.length > 60 ? Math.ceil(data.days.length / 60) : 1;
  const barWidth = data.days.length > 60 ? 3 : data.days.length > 31 ? 6 : CHART.barWidth;
  const gap = data.days.length > 60 ? 1 : CHART.gap;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const width = CHART.left + data.days.length * (barWidth + gap);
  const summary =
    `Views per day of “${data.headline}” from ${shortDay(data.from)} to ${shortDay(data.to)}: ` +
    `${plural(data.total, "view")} in all` +
    (busiest && busiest.views > 0
      ? `, most on ${shortDay(busiest.day)} (${number(busiest.views)}).`
      : ".");
  const labelEvery = Math.max(1, Math.ceil(data.days.length / 8)) * step;
  return (
    <figure class="readership-chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${CHART.height}`}
        preserveAspectRatio="xMinYMid meet"
      >
        <line
          class="chart-axis"
          x1={CHART.left - 4}
          x2={width}
          y1={CHART.top + plotHeight}
          y2={CHART.top + plotHeight}
        />
        <text class="chart-label" x={CHART.left - 8} y={CHART.top + 8} text-anchor="end">
          {number(max)}
        </text>
        <text class="chart-label" x={CHART.left - 8} y={CHART.top + plotHeight} text-anchor="end">
          0
        </text>
        {data.days.map((d, i) => {
          const h = Math.round((d.views / max) * plotHeight);
          const x = CHART.left + i * (barWidth + gap);
          return (
            <g key={d.day}>
              <rect
                class="chart-bar"
                x={x}
                y={CHART.top + plotHeight - h}
                width={barWidth}
                height={Math.max(h, d.views > 0 ? 1 : 0)}
              >
                <title>{`${shortDay(d.day)}: ${plural(d.views, "view")}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text class="chart-label" x={x} y={CHART.height - 6}>
                  {shortDay(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

function DailyTable({ data }: { data: DailyViews }) {
  return (
    <details class="readership-table">
      <summary>Show the figures as a table</summary>
      <table class="table table-compact">
        <caption class="visually-hidden">Views per day of {data.headline}</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col" class="numeric">
              Views
            </th>
          </tr>
        </thead>
        <tbody>
          {data.days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td class="numeric">{number(d.views)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Readership: the most-read articles over a period and one article's views per day. */
export function ReadershipScreen() {
  useTitle("Readership");
  const [period, setPeriod] = useState<Period>("7d");
  const [chosen, setChosen] = useState<string | null>(null);
  const [range, setRange] = useState(30);
  const top = useResource(() => mostRead(period), [period]);
  const items = top.data?.items ?? [];
  const articleId = chosen ?? items[0]?.articleId ?? null;
  const chart = useResource(
    () => (articleId ? daily(articleId, range) : Promise.resolve(undefined)),
    [articleId, range],
  );
  return (
    <>
      <PageHeader
        title="Readership"
        intro="Views counted on the public site: each reader's browser once per article per day (UTC), leaving out bots and link previews. No cookies; readers' addresses are never stored. Figures are up to about a second behind."
      />
      <section class="readership-section" aria-labelledby="most-read-heading">
        <h2 id="most-read-heading">Most read</h2>
        <fieldset class="readership-periods">
          <legend class="visually-hidden">Period</legend>
          {PERIODS.map((p) => (
            <button
              key={p.id}
              type="button"
              class="tab"
              aria-pressed={period === p.id ? "true" : "false"}
              onClick={() => setPeriod(p.id)}
            >
              {p.label}
            </button>
          ))}
        </fieldset>
        {top.error ? (
          <Notice kind="error" live>
            {top.error.message}
          </Notice>
        ) : null}
        {!top.data && top.loading ? (
          <p class="loading" role="status">
            Loading readership…
          </p>
        ) : items.length === 0 ? (
          <div class="empty">
            <p class="empty-title">No views in this period yet</p>
          </div>
        ) : (
          <table class="table table-compact readership-top">
            <caption class="visually-hidden">
              Most-read articles, {PERIODS.find((p) => p.id === period)?.label.toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="numeric">
                  #
                </th>
                <th scope="col">Article</th>
                <th scope="col" class="numeric">
                  Views
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={item.articleId}>
                  <td class="numeric">{i + 1}</td>
                  <td>
                    <button
                      type="button"
                      class="link-button"
                      aria-pressed={item.articleId === articleId ? "true" : "false"}
                      onClick={() => setChosen(item.articleId)}
                    >
                      {item.headline}
                    </button>
                    {item.status !== "published" ? (
                      <span class="muted"> ({item.status})</span>
                    ) : null}
                  </td>
                  <td class="numeric">{number(item.views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {articleId ? (
        <section class="readership-section" aria-labelledby="daily-heading">
          <div class="readership-daily-header">
            <h2 id="daily-heading">Views per day</h2>
            <label class="filter">
              <span>Range</span>
              <select
                value={String(range)}
                onChange={(e) => setRange(Number((e.target as HTMLSelectElement).value))}
              >
                {RANGES.map((r) => (
                  <option key={r} value={String(r)}>
                    Last {r} days
                  </option>
                ))}
              </select>
            </label>
          </div>
          {chart.error ? (
            <Notice kind="error" live>
              {chart.error.message}
            </Notice>
          ) : null}
          {chart.data ? (
            <>
              <p class="readership-headline">{chart.data.headline}</p>
              <DailyChart data={chart.data} />
              <DailyTable data={chart.data} />
            </>
          ) : chart.loading ? (
            <p class="loading" role="status">
              Loading views per day…
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
