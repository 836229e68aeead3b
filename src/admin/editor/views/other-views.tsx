import { plural } from "../../lib/format.js";
import { currentReference, refreshIfStale } from "../../lib/reference.js";
import { issueAt } from "../env.js";
import { PickOrCreate } from "../pick-or-create.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The default label readers see above a commentary (the site uses the same words). */
export const COMMENTARY_LABEL = "Commentary — the author’s opinion";

/** A commentary's optional custom label. */
export function CommentaryFoot({ attrs, update, issues, uid, readOnly }: BlockViewProps) {
  return (
    <>
      <OtherIssues
        messages={issues.filter((i) => i.path.startsWith("paragraphs")).map((i) => i.message)}
      />
      <BlockField
        id={`${uid}-label`}
        label="Label shown to readers"
        optional
        placeholder={COMMENTARY_LABEL}
        value={text(attrs.label)}
        onValue={(label) => update({ label })}
        error={issueAt(issues, "label")}
        readOnly={readOnly}
      />
    </>
  );
}

/** The trackers as loaded now, named by title (read when the picker adds, after a refresh). */
const trackerChoices = () => currentReference().trackers.map((t) => ({ id: t.id, name: t.title }));

/**
 * Which tracker the block links to: chosen from the list (loaded again when opened, so one made
 * in another tab is there), or found by title and, for those who may, created on the spot.
 */
export function TrackerHead({
  attrs,
  update,
  issues,
  env,
  uid,
  focusField,
  readOnly,
}: BlockViewProps) {
  const trackerId = text(attrs.trackerId);
  const chosen = env.trackers.find((t) => t.id === trackerId);
  const error = issueAt(issues, "trackerId") ? "Choose the tracker to link to." : null;
  return (
    <div class={`block-field${error ? " field-invalid" : ""}`}>
      <label for={`${uid}-tracker`}>
        Tracker<span class="required-mark"> (required)</span>
      </label>
      <select
        id={`${uid}-tracker`}
        value={trackerId}
        disabled={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${uid}-tracker-error` : undefined}
        ref={(el) => {
          if (el && focusField === "tracker") el.focus();
        }}
        onFocus={() => void refreshIfStale()}
        onChange={(e) => update({ trackerId: e.currentTarget.value })}
      >
        <option value="">Choose a tracker…</option>
        {env.trackers.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
            {` (${plural(t.entryCount, "entry", "entries")})`}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${uid}-tracker-error`} class="field-error">
          {error}
        </p>
      ) : null}
      {chosen ? <p class="field-hint">Readers get a link to /trackers/{chosen.slug}.</p> : null}
      {!readOnly ? (
        <PickOrCreate
          id={`${uid}-find-tracker`}
          label={env.createTracker ? "Or find or create one by title" : "Or find one by title"}
          placeholder="Title of the tracker"
          options={trackerChoices}
          chosen={trackerId ? [trackerId] : []}
          onAdd={(id) => update({ trackerId: id })}
          noun="tracker"
          pickLabel="Use"
          {...(env.createTracker ? { create: env.createTracker } : {})}
        />
      ) : null}
      {env.trackers.length === 0 && !env.createTracker ? (
        <p class="field-hint">No trackers yet: an editor creates them under Trackers.</p>
      ) : null}
    </div>
  );
}

/** Common ad sizes (IAB), so nobody has to remember them. */
export const AD_SIZES = [
  { width: 300, height: 250, name: "Medium rectangle" },
  { width: 336, height: 280, name: "Large rectangle" },
  { width: 728, height: 90, name: "Leaderboard" },
  { width: 970, height: 250, name: "Billboard" },
  { width: 300, height: 600, name: "Half page" },
  { width: 320, height: 100, name: "Large mobile banner" },
] as const;

/** An ad slot's name and size, with a box of its proportions. */
export function AdHead({ attrs, update, issues, uid, focusField, readOnly }: BlockViewProps) {
  const width = Number(attrs.width) || 300;
  const height = Number(attrs.height) || 250;
  const size = `${width}x${height}`;
  const preset = AD_SIZES.some((s) => `${s.width}x${s.height}` === size) ? size : "custom";
  return (
    <>
      <div class="block-fields block-fields-2">
        <BlockField
          id={`${uid}-slot`}
          label="Slot name"
          required
          hint="Lowercase letters, digits and hyphens; your ad server fills slots by name."
          value={text(attrs.slot)}
          onValue={(slot) => update({ slot })}
          error={issueAt(issues, "slot")}
          autofocus={focusField === "slot"}
          readOnly={readOnly}
        />
        <div class="block-field">
          <label for={`${uid}-size`}>Size</label>
          <select
            id={`${uid}-size`}
            value={preset}
            disabled={readOnly}
            onChange={(e) => {
              const [w, h] = e.currentTarget.value.split("x").map(Number);
              if (w && h) update({ width: w, height: h });
            }}
          >
            {AD_SIZES.map((s) => (
              <option key={s.name} value={`${s.width}x${s.height}`}>
                {s.width}×{s.height} — {s.name}
              </option>
            ))}
            {preset === "custom" ? (
              <option value="custom">
                {width}×{height} — custom
              </option>
            ) : null}
          </select>
          <OtherIssues
            messages={[issueAt(issues, "width"), issueAt(issues, "height")].filter(
              (m): m is string => Boolean(m),
            )}
          />
        </div>
      </div>
      <div
        class="ad-preview"
        style={{ aspectRatio: `${width} / ${height}`, maxWidth: `${Math.min(width, 520)}px` }}
      >
        <span>
          Advertisement · {width}×{height}
        </span>
      </div>
    </>
  );
}
