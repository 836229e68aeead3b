import type { ComponentChildren } from "preact";

/** The centred card the signed-out screens share. */
export function AuthFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="auth">
      <main id="main" class="auth-card">
        <p class="brand auth-brand">
          <span class="brand-mark" aria-hidden="true">
            M
          </span>
          Masthead
        </p>
        <h1>{title}</h1>
        {intro ? <p class="auth-intro">{intro}</p> : null}
        {children}
      </main>
    </div>
  );
}
