import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { ArticleKind } from "../content/index.js";
import { Shell } from "./components/shell.js";
import { api } from "./lib/api.js";
import { lazyScreen } from "./lib/lazy.js";
import { matchPath, navigate, useLocation, wasScreenChange } from "./lib/router.js";
import { type SessionUser, session } from "./lib/session.js";
import { useObservable } from "./lib/store.js";
import { Toasts } from "./lib/toast.js";
import { AcceptInvitation, ResetPassword, Setup } from "./screens/account-forms.js";
import { ArticlesScreen } from "./screens/articles.js";
import { CommentsScreen } from "./screens/comments.js";
import { ImportExportScreen } from "./screens/import-export.js";
import { MediaScreen } from "./screens/media.js";
import { NewslettersScreen } from "./screens/newsletters.js";
import { NotFound } from "./screens/not-found.js";
import { PeopleScreen } from "./screens/people.js";
import { ReadershipScreen } from "./screens/readership.js";
import { RedirectsScreen } from "./screens/redirects.js";
import { SectionsScreen } from "./screens/sections.js";
import { SettingsScreen } from "./screens/settings.js";
import { Reauthenticate, SignIn } from "./screens/sign-in.js";
import { SubscribersScreen } from "./screens/subscribers.js";
import { TagsScreen } from "./screens/tags.js";
import { TrackersScreen } from "./screens/trackers.js";
import { UsersScreen } from "./screens/users.js";

// TipTap and the editor are a chunk of their own, loaded when an article is opened.
const EditorScreen = lazyScreen<{ id: string | null; kind?: ArticleKind; user: SessionUser }>(() =>
  import("./editor/editor-screen.js").then((m) => m.EditorScreen),
);

function SignedIn({ user }: { user: SessionUser }) {
  const { path } = useLocation();
  useEffect(() => {
    if (path === "/" || path === "/sign-in" || path === "/setup")
      navigate("/articles", { replace: true });
  }, [path]);
  useEffect(() => {
    // Screen readers start reading the new screen; keyboard users start from its top.
    if (wasScreenChange()) document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);

  const article = matchPath("/articles/:id", path);
  const page = matchPath("/pages/:id", path);
  let screen = null;
  if (path === "/articles") screen = <ArticlesScreen user={user} />;
  else if (article)
    screen = <EditorScreen id={article.id === "new" ? null : (article.id ?? null)} user={user} />;
  else if (path === "/pages") screen = <ArticlesScreen user={user} kind="page" />;
  else if (page)
    screen = (
      <EditorScreen id={page.id === "new" ? null : (page.id ?? null)} kind="page" user={user} />
    );
  else if (path === "/media") screen = <MediaScreen user={user} />;
  else if (path === "/people") screen = <PeopleScreen user={user} />;
  else if (path === "/sections") screen = <SectionsScreen user={user} />;
  else if (path === "/tags") screen = <TagsScreen user={user} />;
  else if (path === "/trackers") screen = <TrackersScreen user={user} />;
  else if (path === "/comments") screen = <CommentsScreen user={user} />;
  else if (path === "/readership") screen = <ReadershipScreen />;
  else if (path === "/redirects") screen = <RedirectsScreen user={user} />;
  else if (path === "/newsletters") screen = <NewslettersScreen user={user} />;
  else if (path === "/subscribers") screen = <SubscribersScreen user={user} />;
  else if (path === "/users") screen = <UsersScreen user={user} />;
  else if (path === "/settings") screen = <SettingsScreen user={user} />;
  else if (path === "/import") screen = <ImportExportScreen user={user} />;
  else if (path !== "/" && path !== "/sign-in" && path !== "/setup") screen = <NotFound />;
  return <Shell user={user}>{screen}</Shell>;
}

function SignedOut({ notice }: { notice?: string }) {
  const { path } = useLocation();
  useEffect(() => {
    // A fresh install has no account to sign in with: send the first visitor to setup.
    api<{ needed: boolean }>("GET", "/setup", undefined, { quietUnauthenticated: true }).then(
      (r) => {
        if (r.needed) navigate("/setup", { replace: true });
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    document.title = "Sign in — Masthead";
  }, [path]);
  return <SignIn notice={notice} />;
}

/** The app: signed-out screens, or the shell with the screen the address names. */
export function App() {
  const state = useObservable(session);
  const { path } = useLocation();
  let content: ComponentChildren;
  if (path === "/setup" && state.status !== "signed-in") content = <Setup />;
  else if (path === "/accept") content = <AcceptInvitation />;
  else if (path === "/reset") content = <ResetPassword />;
  else if (state.status === "loading")
    content = (
      <p class="loading loading-page" role="status">
        Loading…
      </p>
    );
  else if (state.status === "signed-out" && state.expired)
    content = (
      <>
        <SignedIn user={state.expired} />
        <Reauthenticate user={state.expired} notice={state.notice} />
      </>
    );
  else if (state.status === "signed-out") content = <SignedOut notice={state.notice} />;
  else content = <SignedIn user={state.user} />;
  return (
    <>
      {content}
      <Toasts />
    </>
  );
}
