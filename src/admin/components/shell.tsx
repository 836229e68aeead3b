import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { can, type Permission } from "../../content/index.js";
import { Link, useLocation } from "../lib/router.js";
import { type SessionUser, signOut, signOutEverywhere } from "../lib/session.js";
import { toast } from "../lib/toast.js";
import { Icon, type IconName } from "./icons.js";
import { NotificationsDialog } from "./notifications-dialog.js";

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
  /** Shown only to roles holding this permission. */
  needs?: Permission;
}

const NAV: NavItem[] = [
  { href: "/articles", label: "Articles", icon: "articles" },
  { href: "/pages", label: "Pages", icon: "pages" },
  { href: "/media", label: "Media", icon: "media" },
  { href: "/people", label: "People", icon: "people" },
  { href: "/sections", label: "Sections", icon: "sections" },
  { href: "/tags", label: "Tags", icon: "tags" },
  { href: "/trackers", label: "Trackers", icon: "trackers" },
  { href: "/comments", label: "Comments", icon: "comments", needs: "comments.read" },
  { href: "/readership", label: "Readership", icon: "eye", needs: "views.read" },
  { href: "/redirects", label: "Redirects", icon: "redirect", needs: "redirects.manage" },
  { href: "/newsletters", label: "Newsletters", icon: "mail", needs: "newsletter.manage" },
  { href: "/subscribers", label: "Subscribers", icon: "people", needs: "subscriber.manage" },
];

const OWNER_NAV: NavItem[] = [
  { href: "/users", label: "Users", icon: "users", needs: "users.manage" },
  { href: "/settings", label: "Settings", icon: "settings", needs: "settings.manage" },
  { href: "/import", label: "Import & export", icon: "transfer", needs: "site.import" },
];

export const ROLE_LABELS: Record<SessionUser["role"], string> = {
  contributor: "Contributor",
  author: "Author",
  editor: "Editor",
  owner: "Owner",
};

function NavLinks({ items, user, path }: { items: NavItem[]; user: SessionUser; path: string }) {
  return (
    <ul class="nav-list">
      {items
        .filter((item) => !item.needs || can(user.role, item.needs))
        .map((item) => {
          const current = path === item.href || path.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? "page" : undefined}>
                <Icon name={item.icon} />
                {item.label}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}

/** The signed-in layout: skip link, sidebar navigation with the account, and the main area. */
export function Shell({ user, children }: { user: SessionUser; children: ComponentChildren }) {
  const { path } = useLocation();
  const [busy, setBusy] = useState(false);
  const [notificationsOpen, setNotificationsOpen] = useState(false);
  const owners = OWNER_NAV.filter((item) => !item.needs || can(user.role, item.needs));
  const leave = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await (everywhere ? signOutEverywhere() : signOut());
    } catch {
      toast("Signing out failed on the server; this tab is signed out.", "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="sidebar">
        <Link href="/articles" class="brand">
          <span class="brand-mark" aria-hidden="true">
            M
          </span>
          Masthead
        </Link>
        <nav aria-label="Main">
          <NavLinks items={NAV} user={user} path={path} />
          {owners.length > 0 ? (
            <>
              <p class="nav-heading">Administration</p>
              <NavLinks items={owners} user={user} path={path} />
            </>
          ) : null}
        </nav>
        <section class="account" aria-label="Your account">
          <p class="account-name">{user.name}</p>
          <p class="account-meta">
            <span class={`role role-${user.role}`}>{ROLE_LABELS[user.role]}</span>
            <span class="account-email">{user.email}</span>
          </p>
          <div class="account-actions">
            <button
              type="button"
              class="button button-small"
              disabled={busy}
              onClick={() => leave(false)}
            >
              <Icon name="logout" />
              Sign out
            </button>
            <button
              type="button"
              class="link-button"
              disabled={busy}
              onClick={() => leave(true)}
              title="Ends your sessions on every device and browser"
            >
              Sign out everywhere
            </button>
            <button type="button" class="link-button" onClick={() => setNotificationsOpen(true)}>
              Email notifications
            </button>
          </div>
        </section>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
      {notificationsOpen ? (
        <NotificationsDialog onClose={() => setNotificationsOpen(false)} />
      ) : null}
    </div>
  );
}

/** The heading row of a screen: its title, a line of help and its main actions. */
export function PageHeader({
  title,
  intro,
  actions,
}: {
  title: string;
  intro?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <div class="page-header">
      <div>
        <h1>{title}</h1>
        {intro ? <p class="page-intro">{intro}</p> : null}
      </div>
      {actions ? <div class="page-actions">{actions}</div> : null}
    </div>
  );
}
