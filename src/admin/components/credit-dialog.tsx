import { useEffect, useState } from "preact/hooks";
import type { LicenseId } from "../../content/index.js";
import { ApiError } from "../lib/api.js";
import { formatDate } from "../lib/format.js";
import { media } from "../lib/resources.js";
import { Link } from "../lib/router.js";
import type { AdminMedia, MediaUsage } from "../lib/types.js";
import { type SubmitOptions, useSubmit } from "../lib/use-submit.js";
import { Dialog, DialogActions } from "./dialog.js";
import { Field } from "./field.js";
import { ProblemNotice } from "./notice.js";
import { StatusBadge } from "./status-badge.js";
import { type CreditDraft, CreditFields } from "./upload-form.js";

const SAVE_DETAILS: SubmitOptions = {
  explain: (error) => {
    if (!(error instanceof ApiError)) return "Saving failed. Check your connection and try again.";
    return error.code === "MH_STALE"
      ? "Someone else changed this image's details meanwhile. Close this dialog and open it again to see theirs."
      : error.message;
  },
};

/** Edits a media item's alt text, description and credit (saved with the version read). */
export function CreditDialog({
  item,
  onClose,
  onDelete,
}: {
  item: AdminMedia | null;
  onClose: (saved: AdminMedia | null) => void;
  /** Offered when the person may delete media; resolves with a problem to show, or null. */
  onDelete?: (item: AdminMedia) => Promise<string | null>;
}) {
  const [alt, setAlt] = useState("");
  const [description, setDescription] = useState("");
  const [credit, setCredit] = useState<CreditDraft>({
    creator: "",
    sourceName: "",
    sourceUrl: "",
    license: "all-rights-reserved",
  });
  const form = useSubmit(SAVE_DETAILS);
  const { busy, problem, setProblem } = form;
  const issues = problem?.issues ?? [];
  const [usage, setUsage] = useState<MediaUsage | null>(null);
  useEffect(() => {
    if (!item) return;
    setUsage(null);
    media.get(item.id).then(
      (full) => setUsage(full.usage ?? null),
      () => setUsage(null),
    );
    setAlt(item.alt);
    setDescription(item.description);
    setCredit({
      creator: item.credit.creator,
      sourceName: item.credit.sourceName,
      sourceUrl: item.credit.sourceUrl ?? "",
      license: item.credit.license as LicenseId,
    });
    setProblem(null);
  }, [item]);
  if (!item) return null;
  return (
    <Dialog
      open
      title="Image details"
      description="Changes apply everywhere this image is used."
      onClose={() => onClose(null)}
      footer={
        <DialogActions
          form="credit-form"
          label="Save details"
          busyLabel="Saving…"
          busy={busy}
          onCancel={() => onClose(null)}
        >
          {onDelete ? (
            <button
              type="button"
              class="button button-danger-quiet footer-start"
              disabled={busy}
              onClick={async () => {
                if (!window.confirm("Delete this image from the library? This cannot be undone."))
                  return;
                const refused = await form.run(() => onDelete(item));
                if (refused) setProblem({ message: refused, issues: [] });
              }}
            >
              Delete image
            </button>
          ) : null}
        </DialogActions>
      }
    >
      <form
        id="credit-form"
        class="form"
        onSubmit={form.onSubmit(async () =>
          onClose(
            await media.update(item.id, item.version, {
              alt: alt.trim(),
              description: description.trim(),
              credit: {
                creator: credit.creator.trim(),
                sourceName: credit.sourceName.trim(),
                sourceUrl: credit.sourceUrl.trim() || null,
                license: credit.license,
              },
            }),
          ),
        )}
      >
        <ProblemNotice problem={problem} />
        <div class="credit-dialog-top">
          <img src={item.url} alt="" class="credit-dialog-image" />
          <Field label="Alt text" error={form.issue("alt")}>
            {(ids) => (
              <textarea
                {...ids}
                rows={3}
                value={alt}
                onInput={(e) => setAlt(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <Field
          label="Description"
          optional
          hint="The longer text about the image, kept in the library: search finds it, readers do not see it."
          error={form.issue("description")}
        >
          {(ids) => (
            <textarea
              {...ids}
              rows={4}
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          )}
        </Field>
        <CreditFields value={credit} onChange={setCredit} issues={issues} idPrefix="credit" />
        <p class="field-hint">
          {item.width} × {item.height} px · {item.mimeType.replace("image/", "").toUpperCase()}
          {item.createdAt ? ` · uploaded ${formatDate(item.createdAt)}` : ""}
        </p>
        {usage ? (
          <div class="usage">
            <p class="field-label">Used in</p>
            {usage.articles.length === 0 && usage.people.length === 0 ? (
              <p class="field-hint">Not used anywhere yet.</p>
            ) : (
              <ul>
                {usage.articles.map((a) => (
                  <li key={a.id}>
                    <Link href={`/articles/${a.id}`} onClick={() => onClose(null)}>
                      {a.headline}
                    </Link>{" "}
                    <StatusBadge status={a.status} />
                  </li>
                ))}
                {usage.people.map((p) => (
                  <li key={p.id}>{p.name} (profile picture)</li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
