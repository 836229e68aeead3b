// The fields of the sound, video file and document blocks: the file chosen from the media
// library (by kind), its title, and for sound and video their captions file and transcript.
// The gallery's are in gallery-view.tsx.
import { issueAt } from "../env.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The chosen file (replaceable), its title, and for sound and video captions and a transcript. */
function FileHead(props: BlockViewProps & { kind: "audio" | "video" | "document" }) {
  const { attrs, env, update, issues, uid, readOnly, focusField, kind } = props;
  const mediaId = text(attrs.mediaId);
  const item = mediaId ? env.media(mediaId) : undefined;
  const noun = kind === "audio" ? "sound file" : kind === "video" ? "video file" : "PDF";
  const choose = async () => {
    const picked = await env.pickMedia(kind);
    if (!picked) return;
    env.rememberMedia(picked);
    update({ mediaId: picked.id, ...(text(attrs.title) ? {} : { title: picked.alt }) });
  };
  const captionsId = text(attrs.captionsId);
  const title = text(attrs.title);
  return (
    <>
      <div class="file-block-preview">
        {!mediaId ? (
          <p>No {noun} chosen.</p>
        ) : !item ? (
          <p role="status">Loading…</p>
        ) : kind === "audio" ? (
          // biome-ignore lint/a11y/useMediaCaption: a preview for the writer; readers get the captions track
          <audio controls preload="metadata" src={item.fileUrl ?? item.url} />
        ) : kind === "video" ? (
          // biome-ignore lint/a11y/useMediaCaption: a preview for the writer; readers get the captions track
          <video controls preload="metadata" src={item.fileUrl ?? item.url} width={320} />
        ) : (
          <img src={item.url} alt="" width={120} />
        )}
        {!readOnly ? (
          <button type="button" class="button button-small" onClick={choose}>
            {mediaId ? `Replace the ${noun}` : `Choose a ${noun}`}
          </button>
        ) : null}
      </div>
      <OtherIssues
        messages={issueAt(issues, "mediaId") ? [`Choose a ${noun} from the media library.`] : []}
      />
      <BlockField
        id={`${uid}-title`}
        label="Title"
        required
        value={title}
        onValue={(value) => update({ title: value })}
        error={issueAt(issues, "title") ?? (title.trim() === "" ? "A title is required." : null)}
        autofocus={focusField === "title"}
        readOnly={readOnly}
      />
      {kind !== "document" ? (
        <>
          <p class="block-field">
            Captions (WebVTT): {captionsId ? env.media(captionsId)?.alt || "chosen" : "none"}{" "}
            {!readOnly ? (
              <button
                type="button"
                class="link-button"
                onClick={async () => {
                  const picked = await env.pickMedia("captions");
                  if (picked) {
                    env.rememberMedia(picked);
                    update({ captionsId: picked.id });
                  }
                }}
              >
                {captionsId ? "Replace captions" : "Add captions"}
              </button>
            ) : null}
            {captionsId && !readOnly ? (
              <button type="button" class="link-button" onClick={() => update({ captionsId: "" })}>
                Remove captions
              </button>
            ) : null}
          </p>
          <div class="block-field">
            <label for={`${uid}-transcript`}>
              Transcript<span class="field-optional"> (optional)</span>
            </label>
            <textarea
              id={`${uid}-transcript`}
              rows={4}
              value={text(attrs.transcript)}
              readOnly={readOnly}
              onInput={(e) => update({ transcript: e.currentTarget.value })}
            />
          </div>
        </>
      ) : null}
    </>
  );
}

export const AudioHead = (props: BlockViewProps) => <FileHead {...props} kind="audio" />;
export const VideoFileHead = (props: BlockViewProps) => <FileHead {...props} kind="video" />;
export const DocumentHead = (props: BlockViewProps) => <FileHead {...props} kind="document" />;
