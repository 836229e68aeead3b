import { useState } from "preact/hooks";
import { Dialog } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { ApiError } from "../lib/api.js";
import { type SessionUser, signIn } from "../lib/session.js";
import { type SubmitOptions, useSubmit } from "../lib/use-submit.js";
import { AuthFrame } from "./auth-frame.js";

// Both forms: a wrong password is said without telling which of the two was wrong, and a
// success leaves the screen, so the button stays busy until it has gone.
const SIGN_IN: SubmitOptions = {
  explain: (error) => {
    if (!(error instanceof ApiError))
      return "Signing in failed. Check your connection and try again.";
    if (error.status === 429) return "Too many attempts. Wait a minute, then try again.";
    if (error.status === 401 || error.status === 400)
      return "That email and password do not match an account. Check both and try again.";
    return error.message;
  },
  staysBusy: true,
};

/** The current password and the button both sign-in forms end with. */
function PasswordAndSend({
  password,
  setPassword,
  busy,
}: {
  password: string;
  setPassword: (password: string) => void;
  busy: boolean;
}) {
  return (
    <>
      <Field label="Password">
        {(ids) => (
          <input
            {...ids}
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" class="button button-primary button-wide" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </>
  );
}

/** Email and password; a notice says why the person is here (signed out, session ended). */
export function SignIn({ notice }: { notice?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, problem, onSubmit } = useSubmit(SIGN_IN);
  return (
    <AuthFrame title="Sign in" intro="Write, edit and publish for your newsroom.">
      {notice && !problem ? <Notice kind="info">{notice}</Notice> : null}
      <ProblemNotice problem={problem} />
      <form class="form" onSubmit={onSubmit(() => signIn(email.trim(), password))}>
        <Field label="Email">
          {(ids) => (
            <input
              {...ids}
              type="email"
              name="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <PasswordAndSend password={password} setPassword={setPassword} busy={busy} />
      </form>
      <p class="auth-foot">Forgot your password? Ask the publication's owner for a reset link.</p>
    </AuthFrame>
  );
}

/**
 * Signing in again after the session ended mid-work: a dialog over the screen, so an open
 * article keeps its unsaved text. Another account signing in here starts the app afresh.
 */
export function Reauthenticate({ user, notice }: { user: SessionUser; notice?: string }) {
  const [password, setPassword] = useState("");
  const { busy, problem, onSubmit } = useSubmit(SIGN_IN);
  return (
    <Dialog open title="Sign in again" size="small" onClose={() => undefined} description={notice}>
      <ProblemNotice problem={problem} />
      <form
        class="form"
        onSubmit={onSubmit(async () => {
          const again = await signIn(user.email, password);
          if (again.id !== user.id) window.location.reload();
        })}
      >
        <p>
          Signed in as <strong>{user.email}</strong>.
        </p>
        <input
          type="email"
          name="email"
          autocomplete="username"
          value={user.email}
          hidden
          readOnly
        />
        <PasswordAndSend password={password} setPassword={setPassword} busy={busy} />
        <button
          type="button"
          class="link-button reauth-other"
          onClick={() => window.location.assign("/admin")}
        >
          Sign in with another account (unsaved changes are lost)
        </button>
      </form>
    </Dialog>
  );
}
