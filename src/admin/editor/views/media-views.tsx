// The fields of the gallery, sound, video file and document blocks: the files chosen from the
// media library (by kind), their titles, and a gallery's order, alt texts and captions.
import { issueAt } from "../env.js";
import type { GalleryItemAttrs } from "../extensions/media-blocks.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");
const itemsOf = (v: unknown): GalleryItemAttrs[] => (Array.isArray(v) ? v : []);

/** The gallery's images in order, each with alt text and caption, to move, remove or add to. */
export function GalleryHead(props: BlockViewProps) {
  const { attrs, env, update, issues, uid, readOnly } = props;
  const images = itemsOf(attrs.images);
  const set = (next: GalleryItemAttrs[]) => update({ images: next });
  const change = (i: number, patch: Partial<GalleryItemAttrs>) =>
    set(images.map((img, j) => (j === i ? { ...img, ...patch } : img)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= images.length) return;
    const next = [...images];
    [next[i], next[j]] = [next[j] as GalleryItemAttrs, next[i] as GalleryItemAttrs];
    set(next);
  };
  const add = async () => {
    const item = await env.pickMedia("image");
    if (!item) return;
    env.rememberMedia(item);
    set([...images, { mediaId: item.id, alt: item.alt, caption: "" }]);
  };
  return (
    <>
      <ol class="gallery-editor">
        {images.map((img, i) => {
          const item = env.media(img.mediaId);
          const altError =
            issueAt(issues, `images.${i}.alt`) ??
            (img.alt.trim() === "" ? "Alt text is required." : null);
          return (
            <li key={`${img.mediaId}-${i}`} class="gallery-editor-item">
              {item ? <img src={item.url} alt="" width={96} /> : <span>Loading…</span>}
              <BlockField
                id={`${uid}-alt-${i}`}
                label={`Image ${i + 1}: alt text`}
                required
                value={img.alt}
                onValue={(alt) => change(i, { alt })}
                error={altError}
                readOnly={readOnly}
              />
              <BlockField
                id={`${uid}-caption-${i}`}
                label={`Image ${i + 1}: caption`}
                optional
                value={img.caption}
                onValue={(caption) => change(i, { caption })}
                readOnly={readOnly}
              />
              {!readOnly ? (
                <div class="gallery-editor-actions">
                  <button
                    type="button"
                    class="button button-small"
                    onClick={() => move(i, -1)}
                    disabled={i === 0}
                  >
                    Move image {i + 1} earlier
                  </button>
                  <button
                    type="button"
                    class="button button-small"
                    onClick={() => move(i, 1)}
                    disabled={i === images.length - 1}
                  >
                    Move image {i + 1} later
                  </button>
                  <button
                    type="button"
                    class="button button-small"
                    onClick={() => set(images.filter((_, j) => j !== i))}
                  >
                    Remove image {i + 1}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      <OtherIssues messages={[issueAt(issues, "images")].filter((m): m is string => m !== null)} />
      {!readOnly ? (
        <button type="button" class="button" onClick={add}>
          Add an image to the gallery
        </button>
      ) : null}
    </>
  );
}

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
