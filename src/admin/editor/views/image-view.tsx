import { creditIsIncomplete } from "../../../content/index.js";
import { CreditWarning, creditText } from "../../components/credit.js";
import { issueAt } from "../env.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

async function replace({ env, update }: BlockViewProps) {
  const item = await env.pickMedia();
  if (item) update({ mediaId: item.id, alt: item.alt });
}

/** The picture, its replace button and its alt text (required: the block says so until filled). */
export function ImageHead(props: BlockViewProps) {
  const { attrs, env, update, issues, uid, focusField, readOnly } = props;
  const mediaId = text(attrs.mediaId);
  const item = mediaId ? env.media(mediaId) : undefined;
  const alt = text(attrs.alt);
  const altError =
    issueAt(issues, "alt") ??
    (alt.trim() === ""
      ? "Alt text is required: describe what the image shows for readers who cannot see it."
      : null);
  return (
    <>
      <div class="image-preview">
        {!mediaId ? (
          <div class="image-missing">
            <p>No image chosen.</p>
            {!readOnly ? (
              <button type="button" class="button button-primary" onClick={() => replace(props)}>
                Choose an image
              </button>
            ) : null}
          </div>
        ) : item ? (
          <img src={item.url} alt={alt} width={item.width} height={item.height} />
        ) : (
          <div class="image-missing" role="status">
            Loading the image…
          </div>
        )}
        {mediaId && !readOnly ? (
          <button
            type="button"
            class="button button-small image-replace"
            onClick={() => replace(props)}
          >
            Replace image
          </button>
        ) : null}
      </div>
      <OtherIssues
        messages={issueAt(issues, "mediaId") ? ["Choose an image from the media library."] : []}
      />
      <BlockField
        id={`${uid}-alt`}
        label="Alt text"
        required
        value={alt}
        onValue={(value) => update({ alt: value })}
        error={altError}
        hint={altError ? undefined : "Read aloud to readers who cannot see the image."}
        placeholder="Describe what the image shows"
        autofocus={focusField === "alt"}
        readOnly={readOnly}
      />
    </>
  );
}

/** The credit, read from the media item, with the attribution warning and a way to fix it. */
export function ImageFoot({ attrs, env }: BlockViewProps) {
  const item = env.media(text(attrs.mediaId));
  if (!item) return null;
  const incomplete = creditIsIncomplete(item.credit) || Boolean(item.creditWarning);
  return (
    <div class="image-credit">
      <p>
        <span class="muted">Credit: </span>
        {creditText(item.credit)}
        {!env.readOnly ? (
          <>
            {" "}
            <button
              type="button"
              class="link-button"
              onClick={async () => {
                const saved = await env.editCredit(item);
                if (saved) env.rememberMedia(saved);
              }}
            >
              {incomplete ? "Add the credit" : "Edit credit"}
            </button>
          </>
        ) : null}
      </p>
      <CreditWarning credit={item.credit} message={item.creditWarning} />
    </div>
  );
}
