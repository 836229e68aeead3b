// "Email notifications": the signed-in person's switches for the staff messages their role
// receives (review requests, comments awaiting moderation, scheduled publishing). Each is on
// until switched off; the server refuses kinds the role does not receive.
import { useEffect, useState } from "preact/hooks";
import { formProblem } from "../lib/errors.js";
import { me, type NotificationSwitch } from "../lib/resources.js";
import { useSubmit } from "../lib/use-submit.js";
import { Dialog, DialogActions } from "./dialog.js";
import { Notice, ProblemNotice } from "./notice.js";

/** The notifications dialog of the account area. */
export function NotificationsDialog({ onClose }: { onClose: () => void }) {
  const [items, setItems] = useState<NotificationSwitch[] | null>(null);
  const [sending, setSending] = useState(true);
  const form = useSubmit();
  const { busy, problem, setProblem } = form;
  useEffect(() => {
    me.notifications().then(
      (answer) => {
        setItems(answer.items);
        setSending(answer.sending);
      },
      (error) => setProblem(formProblem(error)),
    );
  }, []);
  const toggle = (kind: string, enabled: boolean) =>
    setItems((current) => current?.map((i) => (i.kind === kind ? { ...i, enabled } : i)) ?? null);
  return (
    <Dialog
      open
      title="Email notifications"
      description="Which messages Masthead emails you. Each is on until you switch it off."
      onClose={onClose}
      footer={
        <DialogActions
          form="notifications-form"
          label="Save"
          busyLabel="Saving…"
          busy={busy}
          disabled={items === null}
          onCancel={onClose}
        />
      }
    >
      <form
        id="notifications-form"
        class="form"
        onSubmit={form.onSubmit(async () => {
          if (!items) return;
          await me.saveNotifications(Object.fromEntries(items.map((i) => [i.kind, i.enabled])));
          onClose();
        }, "Notifications saved.")}
      >
        <ProblemNotice problem={problem} />
        {sending ? null : (
          <Notice kind="info">
            <p>
              This site sends no email yet (no MASTHEAD_SMTP_URL): your choices apply once it does.
            </p>
          </Notice>
        )}
        {items ? (
          <fieldset class="fieldset choice-list">
            <legend>Email me when</legend>
            {items.map((i) => (
              <label key={i.kind} class="choice">
                <input
                  type="checkbox"
                  name={i.kind}
                  checked={i.enabled}
                  onChange={(e) => toggle(i.kind, e.currentTarget.checked)}
                />
                <span>{i.label}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </form>
    </Dialog>
  );
}
