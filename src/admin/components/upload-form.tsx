import { useState } from "preact/hooks";
import { LICENSES, type LicenseId } from "../../content/index.js";
import { ApiError, type FieldIssue } from "../lib/api.js";
import { media } from "../lib/resources.js";
import type { AdminMedia } from "../lib/types.js";
import { useSubmit } from "../lib/use-submit.js";
import { CreditWarning } from "./credit.js";
import { Field } from "./field.js";
import { ProblemNotice } from "./notice.js";

/** Credit fields as a form edits them. */
export interface CreditDraft {
  creator: string;
  sourceName: string;
  sourceUrl: string;
  license: LicenseId;
}

const issue = (issues: FieldIssue[], ...paths: string[]) =>
  issues.find((i) => paths.includes(i.path))?.message ?? null;

/** Creator, source, source link and license, with the attribution warning. */
export function CreditFields({
  value,
  onChange,
  issues,
  idPrefix,
}: {
  value: CreditDraft;
  onChange: (next: CreditDraft) => void;
  issues: FieldIssue[];
  idPrefix: string;
}) {
  const set = (patch: Partial<CreditDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset class="fieldset">
      <legend>Credit</legend>
      <div class="form-grid">
        <Field
          label="Creator"
          optional
          hint="Who made it, e.g. a photographer"
          error={issue(issues, "credit.creator", "creator")}
        >
          {(ids) => (
            <input
              {...ids}
              name={`${idPrefix}-creator`}
              value={value.creator}
              onInput={(e) => set({ creator: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          label="Source"
          optional
          hint="Where it comes from, e.g. Flickr"
          error={issue(issues, "credit.sourceName", "sourceName")}
        >
          {(ids) => (
            <input
              {...ids}
              name={`${idPrefix}-source`}
              value={value.sourceName}
              onInput={(e) => set({ sourceName: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Source link" optional error={issue(issues, "credit.sourceUrl", "sourceUrl")}>
          {(ids) => (
            <input
              {...ids}
              type="url"
              name={`${idPrefix}-source-url`}
              placeholder="https://"
              value={value.sourceUrl}
              onInput={(e) => set({ sourceUrl: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="License" error={issue(issues, "credit.license", "license")}>
          {(ids) => (
            <select
              {...ids}
              name={`${idPrefix}-license`}
              value={value.license}
              onChange={(e) => set({ license: e.currentTarget.value as LicenseId })}
            >
              {LICENSES.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <CreditWarning
        credit={{
          creator: value.creator.trim(),
          sourceName: value.sourceName.trim(),
          license: value.license,
        }}
      />
    </fieldset>
  );
}

export const EMPTY_CREDIT: CreditDraft = {
  creator: "",
  sourceName: "",
  sourceUrl: "",
  license: "all-rights-reserved",
};

/** What the file input offers for each kind (the server reads the bytes whatever is chosen). */
const ACCEPT: Record<NonNullable<AdminMedia["kind"]>, { accept: string; hint: string }> = {
  image: {
    accept: "image/jpeg,image/png,image/webp,image/avif,image/gif",
    hint: "JPEG, PNG, WebP, AVIF or GIF",
  },
  audio: {
    accept: "audio/*,.mp3,.m4a,.aac,.ogg,.opus,.wav",
    hint: "MP3, M4A/AAC, Ogg or WAV, up to 200 MB",
  },
  video: { accept: "video/mp4,video/webm", hint: "MP4 or WebM, up to 500 MB" },
  document: {
    accept: "application/pdf",
    hint: "PDF, up to 50 MB; its first page becomes the preview",
  },
  captions: { accept: ".vtt,text/vtt", hint: "WebVTT (.vtt), UTF-8" },
};

/**
 * Uploads one file of `kind` (an image unless told) with its alt text (required for images,
 * a description otherwise) and credit; calls onUploaded with the new item.
 */
export function UploadForm({
  onUploaded,
  idPrefix = "upload",
  kind = "image",
}: {
  onUploaded: (item: AdminMedia) => void;
  idPrefix?: string;
  kind?: NonNullable<AdminMedia["kind"]>;
}) {
  const isImage = kind === "image";
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [alt, setAlt] = useState("");
  const [credit, setCredit] = useState<CreditDraft>(EMPTY_CREDIT);
  // What the form finds missing before sending; shown instead of the server's issues.
  const [missing, setMissing] = useState<FieldIssue[]>([]);
  const { busy, problem, run } = useSubmit({
    explain: (err) => {
      if (!(err instanceof ApiError))
        return "The upload failed. Check your connection and try again.";
      if (err.status === 413) return "This file is too large. Upload a smaller image.";
      if (err.status === 415)
        return `This file is not one Masthead accepts here (${ACCEPT[kind].hint}).`;
      return err.message;
    },
  });
  const issues = missing.length > 0 ? missing : (problem?.issues ?? []);
  return (
    <form
      class="form upload-form"
      id={`${idPrefix}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        const local: FieldIssue[] = [];
        if (!file) local.push({ path: "file", message: "Choose a file to upload." });
        if (isImage && alt.trim() === "")
          local.push({
            path: "alt",
            message: "Alt text is required: describe what the image shows.",
          });
        setMissing(local);
        if (local.length > 0 || !file) return;
        void run(async () =>
          onUploaded(
            await media.upload(file, {
              alt: alt.trim(),
              creator: credit.creator.trim(),
              sourceName: credit.sourceName.trim(),
              sourceUrl: credit.sourceUrl.trim(),
              license: credit.license,
            }),
          ),
        );
      }}
    >
      <ProblemNotice problem={problem} />
      <div class="upload-top">
        <Field
          label={isImage ? "Image file" : "File"}
          hint={ACCEPT[kind].hint}
          error={issue(issues, "file")}
        >
          {(ids) => (
            <input
              {...ids}
              type="file"
              name={`${idPrefix}-file`}
              accept={ACCEPT[kind].accept}
              onChange={(e) => {
                const chosen = e.currentTarget.files?.[0] ?? null;
                setFile(chosen);
                if (preview) URL.revokeObjectURL(preview);
                setPreview(chosen ? URL.createObjectURL(chosen) : null);
              }}
            />
          )}
        </Field>
        {preview && isImage ? <img class="upload-preview" src={preview} alt="" /> : null}
      </div>
      <Field
        label={isImage ? "Alt text" : "Description (optional)"}
        hint={
          isImage
            ? "Read aloud to readers who cannot see the image. It is filled in when you insert the image."
            : "For finding it in the library; readers see the block's title."
        }
        error={issue(issues, "alt")}
      >
        {(ids) => (
          <textarea
            {...ids}
            name={`${idPrefix}-alt`}
            rows={2}
            value={alt}
            onInput={(e) => setAlt(e.currentTarget.value)}
          />
        )}
      </Field>
      <CreditFields value={credit} onChange={setCredit} issues={issues} idPrefix={idPrefix} />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Uploading…" : isImage ? "Upload image" : "Upload file"}
        </button>
      </div>
    </form>
  );
}
