// "Your byline": the role title and bio readers see under a signed-in person's articles. Asked
// once on an account's first sign-in through a link (welcome: an accepted invitation, or the
// set-password link of an account an owner made), and open to edit later.
import { useEffect, useState } from "preact/hooks";
import { formProblem } from "../lib/errors.js";
import { me } from "../lib/resources.js";
import { loadSession } from "../lib/session.js";
import { useSubmit } from "../lib/use-submit.js";
import { Dialog, DialogActions } from "./dialog.js";
import { Field } from "./field.js";
import { ProblemNotice } from "./notice.js";

/** The byline dialog; `welcome` words it for a newcomer's first sign-in. */
export function BylineDialog({ welcome, onClose }: { welcome: boolean; onClose: () => void }) {
  const [loaded, setLoaded] = useState(false);
  const [name, setName] = useState("");
  const [roleTitle, setRoleTitle] = useState("");
  const [bio, setBio] = useState("");
  const [version, setVersion] = useState<number | undefined>(undefined);
  const form = useSubmit();
  const { busy, problem, setProblem } = form;
  useEffect(() => {
    me.byline().then(
      (person) => {
        setName(person?.name ?? "");
        setRoleTitle(person?.roleTitle ?? "");
        setBio(person?.bio ?? "");
        setVersion(person?.version);
        setLoaded(true);
      },
      (error) => {
        setProblem(formProblem(error));
        setLoaded(true);
      },
    );
  }, []);
  return (
    <Dialog
      open
      title={welcome ? "Welcome: your byline" : "Your byline"}
      description="Readers see this under your name on your articles and on your author page."
      onClose={onClose}
      footer={
        <DialogActions
          form="byline-form"
          label="Save byline"
          busyLabel="Saving…"
          busy={busy}
          disabled={!loaded}
          cancelLabel={welcome ? "Later" : "Cancel"}
          onCancel={onClose}
        />
      }
    >
      <form
        id="byline-form"
        class="form"
        onSubmit={form.onSubmit(async () => {
          await me.saveByline({ roleTitle: roleTitle.trim(), bio: bio.trim(), version });
          // Without a version there was no byline: saving made one, and the session's user
          // learns its personId (the editor's "Add me as an author" needs it).
          if (version === undefined) await loadSession();
          onClose();
        }, "Byline saved.")}
      >
        <ProblemNotice problem={problem} />
        {name ? (
          <p>
            Your articles are signed <strong>{name}</strong>.
          </p>
        ) : null}
        <Field
          label="Role title"
          hint="e.g. Health reporter, Photo editor"
          error={form.issue("roleTitle")}
        >
          {(ids) => (
            <input
              {...ids}
              maxLength={120}
              // Until the byline has loaded: what it holds would replace what was typed.
              disabled={!loaded}
              value={roleTitle}
              onInput={(e) => setRoleTitle(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Bio"
          hint="A few sentences about you and what you cover."
          error={form.issue("bio")}
        >
          {(ids) => (
            <textarea
              {...ids}
              rows={5}
              maxLength={5000}
              disabled={!loaded}
              value={bio}
              onInput={(e) => setBio(e.currentTarget.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}
