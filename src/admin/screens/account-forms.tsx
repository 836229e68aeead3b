// First-run setup, accepting an invitation and resetting a password: each ends with the person
// signed in (or sent to sign in) with a password they chose.

import { useState } from "preact/hooks";
import { PASSWORD_MIN_LENGTH, PasswordSchema } from "../../content/index.js";
import { Field } from "../components/field.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { ApiError, api } from "../lib/api.js";
import type { FormProblem } from "../lib/errors.js";
import { Link, navigate, useLocation } from "../lib/router.js";
import { adoptSession, landingAfterLink } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";
import { type SubmitOptions, useSubmit } from "../lib/use-submit.js";
import { AuthFrame } from "./auth-frame.js";

interface PasswordFieldsProps {
  password: string;
  confirm: string;
  setPassword: (v: string) => void;
  setConfirm: (v: string) => void;
  error: string | null;
  label?: string;
}

function PasswordFields({
  password,
  confirm,
  setPassword,
  setConfirm,
  error,
  label = "Password",
}: PasswordFieldsProps) {
  return (
    <>
      <Field
        label={label}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
        error={error}
      >
        {(ids) => (
          <input
            {...ids}
            type="password"
            autocomplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label="Repeat the password"
        error={confirm !== "" && confirm !== password ? "The two passwords differ." : null}
      >
        {(ids) => (
          <input
            {...ids}
            type="password"
            autocomplete="new-password"
            required
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        )}
      </Field>
    </>
  );
}

/** Checks a new password locally; null when it is acceptable. */
function passwordProblem(password: string, confirm: string): string | null {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "password is not acceptable";
  if (password !== confirm) return "The two passwords differ.";
  return null;
}

// The server's message as it comes (an expired link says so), and a success leaves the form
// for another screen, so its button stays busy until then.
const ACCOUNT_FORM: SubmitOptions = {
  explain: (error) =>
    error instanceof ApiError ? error.message : "The server could not be reached. Try again.",
  staysBusy: true,
};

/**
 * The onSubmit of a form that chooses a password: a password that will not do is said at once,
 * on the password field, and nothing is sent; otherwise `send` runs.
 */
function passwordFirst(
  password: string,
  confirm: string,
  setProblem: (problem: FormProblem) => void,
  send: (event: Event) => void,
) {
  return (event: Event) => {
    const message = passwordProblem(password, confirm);
    if (!message) return send(event);
    event.preventDefault();
    setProblem({ message, issues: [{ path: "password", message }] });
  };
}

/** /admin/setup: creates the first owner while the publication has no account. */
export function Setup() {
  const needed = useResource(() => api<{ needed: boolean }>("GET", "/setup"), []);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { busy, problem, setProblem, issue, onSubmit } = useSubmit(ACCOUNT_FORM);

  if (needed.loading && !needed.data)
    return (
      <AuthFrame title="Set up Masthead">
        <p role="status">Checking…</p>
      </AuthFrame>
    );
  if (needed.data && !needed.data.needed)
    return (
      <AuthFrame title="Already set up">
        <p>This publication already has an owner. Sign in, or ask the owner for an invitation.</p>
        <Link href="/" class="button button-primary button-wide">
          Go to sign in
        </Link>
      </AuthFrame>
    );

  const send = onSubmit(async () => {
    const reply = await api("POST", "/setup", {
      name: name.trim(),
      email: email.trim(),
      password,
    });
    if (!adoptSession(reply)) navigate("/", { replace: true });
    else navigate("/articles", { replace: true });
  });
  return (
    <AuthFrame
      title="Set up Masthead"
      intro="Create the owner account. The owner manages users and the publication's settings, and can do everything editors do."
    >
      <ProblemNotice problem={problem} />
      <form class="form" onSubmit={passwordFirst(password, confirm, setProblem, send)}>
        <Field label="Your name" error={issue("name")}>
          {(ids) => (
            <input
              {...ids}
              autocomplete="name"
              required
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Email" error={issue("email")}>
          {(ids) => (
            <input
              {...ids}
              type="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <PasswordFields
          password={password}
          confirm={confirm}
          setPassword={setPassword}
          setConfirm={setConfirm}
          error={issue("password")}
        />
        <button type="submit" class="button button-primary button-wide" disabled={busy}>
          {busy ? "Creating…" : "Create owner account"}
        </button>
      </form>
    </AuthFrame>
  );
}

interface TokenFormProps {
  title: string;
  intro: string;
  endpoint: string;
  submitLabel: string;
  askName?: boolean;
  done: string;
}

function TokenForm({ title, intro, endpoint, submitLabel, askName, done }: TokenFormProps) {
  const token = useLocation().query.get("token") ?? "";
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [finished, setFinished] = useState(false);
  const { busy, problem, setProblem, issue, onSubmit } = useSubmit(ACCOUNT_FORM);
  if (!token)
    return (
      <AuthFrame title={title}>
        <Notice kind="error">
          This link is incomplete: it has no token. Open the whole link you were given, or ask the
          owner for a new one.
        </Notice>
      </AuthFrame>
    );
  if (finished)
    return (
      <AuthFrame title={title}>
        <Notice kind="success" live>
          {done}
        </Notice>
        <Link href="/" class="button button-primary button-wide">
          Sign in
        </Link>
      </AuthFrame>
    );
  const send = onSubmit(async () => {
    const reply = await api(
      "POST",
      endpoint,
      { token, password, ...(askName ? { name: name.trim() } : {}) },
      { quietUnauthenticated: true },
    );
    // The server says whether this first sign-in asks for the byline (landingAfterLink).
    if (adoptSession(reply)) navigate(landingAfterLink(reply), { replace: true });
    else setFinished(true);
  });
  return (
    <AuthFrame title={title} intro={intro}>
      <ProblemNotice problem={problem} />
      <form class="form" onSubmit={passwordFirst(password, confirm, setProblem, send)}>
        {askName ? (
          <Field
            label="Your name"
            hint="As colleagues and readers will see it: it signs your articles."
            error={issue("name")}
          >
            {(ids) => (
              <input
                {...ids}
                autocomplete="name"
                required
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            )}
          </Field>
        ) : null}
        <PasswordFields
          password={password}
          confirm={confirm}
          setPassword={setPassword}
          setConfirm={setConfirm}
          error={issue("password")}
          label="New password"
        />
        <button type="submit" class="button button-primary button-wide" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </form>
    </AuthFrame>
  );
}

/** /admin/accept?token=…: an invited person chooses a password. */
export function AcceptInvitation() {
  return (
    <TokenForm
      title="Join the newsroom"
      intro="You were invited to write for this publication. Choose a password to finish your account."
      endpoint="/invitations/accept"
      submitLabel="Create my account"
      askName
      done="Your account is ready. Sign in with your email and new password."
    />
  );
}

/** /admin/reset?token=…: choose a new password with a one-time link. */
export function ResetPassword() {
  return (
    <TokenForm
      title="Choose a new password"
      intro="The link you opened lets you set a new password once. Other sessions of your account are signed out."
      endpoint="/password-reset"
      submitLabel="Save new password"
      done="Your password is changed. Sign in with it."
    />
  );
}
