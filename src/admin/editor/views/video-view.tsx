import { issueAt } from "../env.js";
import { parseVideoInput } from "../video-url.js";
import { BlockField } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");
const PROVIDER_NAMES: Record<string, string> = {
  youtube: "YouTube",
  vimeo: "Vimeo",
  other: "another site",
};

/** The video's address (parsed into provider and id), provider and title. */
export function VideoHead({ attrs, update, issues, uid, focusField, readOnly }: BlockViewProps) {
  const provider = text(attrs.provider) || "youtube";
  const videoId = text(attrs.videoId);
  const url = text(attrs.url);
  const shown = url || videoId;
  const embeddable = videoId !== "" && provider !== "other";
  return (
    <>
      <div class="block-fields block-fields-video">
        <BlockField
          id={`${uid}-address`}
          label="Video address or ID"
          optional
          placeholder="Paste a YouTube or Vimeo link"
          value={shown}
          onValue={(value) => {
            const parsed = parseVideoInput(
              value,
              provider === "other" ? "youtube" : (provider as "youtube" | "vimeo"),
            );
            if (parsed)
              update({
                provider: parsed.provider,
                videoId: parsed.videoId ?? "",
                url: parsed.url ?? "",
              });
            else update({ videoId: "", url: value.trim() });
          }}
          error={issueAt(issues, "url") ?? issueAt(issues, "videoId")}
          autofocus={focusField === "address"}
          readOnly={readOnly}
        />
        <div class="block-field">
          <label for={`${uid}-provider`}>Provider</label>
          <select
            id={`${uid}-provider`}
            value={provider}
            disabled={readOnly}
            onChange={(e) => update({ provider: e.currentTarget.value })}
          >
            <option value="youtube">YouTube</option>
            <option value="vimeo">Vimeo</option>
            <option value="other">Other</option>
          </select>
        </div>
      </div>
      <p class="video-summary">
        {embeddable
          ? `Readers see a play button; nothing loads from ${PROVIDER_NAMES[provider]} until they press it.`
          : url
            ? "Readers get a link to the video; nothing is embedded."
            : "No address: readers see the title and source only. Add one if you have it."}
      </p>
      <BlockField
        id={`${uid}-title`}
        label="Title"
        required
        placeholder="The video's title"
        value={text(attrs.title)}
        onValue={(title) => update({ title })}
        error={issueAt(issues, "title")}
        readOnly={readOnly}
      />
    </>
  );
}

/** Where the video comes from: shown to readers as "Source: …". */
export function VideoFoot({ attrs, update, issues, uid, readOnly }: BlockViewProps) {
  return (
    <div class="block-fields block-fields-2">
      <BlockField
        id={`${uid}-source-name`}
        label="Source"
        required
        placeholder="e.g. DRM News YouTube channel"
        value={text(attrs.sourceName)}
        onValue={(sourceName) => update({ sourceName })}
        error={issueAt(issues, "source.name") ?? issueAt(issues, "source")}
        readOnly={readOnly}
      />
      <BlockField
        id={`${uid}-source-url`}
        label="Source link"
        optional
        type="url"
        placeholder="https://…"
        value={text(attrs.sourceUrl)}
        onValue={(sourceUrl) => update({ sourceUrl })}
        error={issueAt(issues, "source.url")}
        readOnly={readOnly}
      />
    </div>
  );
}
