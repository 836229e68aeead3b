import { parseArgs } from "node:util";
import { systemActor } from "../auth/actor.js";
import type { Config } from "../config.js";
import type { Role, User } from "../content/index.js";
import type { SentLink } from "../services/account-mail.js";
import { createAccount, inviteAccount, listAccounts, makeResetLink } from "../services/accounts.js";
import { migrateToLatest, openStore } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead user <action> [options]

Manages staff accounts. The links printed here are for you to pass on; each works once. When
sending is on (MASTHEAD_SMTP_URL), invitations and password links are also emailed to the person.

Actions:
  create --email E --name N --role R [--person-id ID] [--password-stdin]
      Creates an account. With --password-stdin the password is read from standard input
      (e.g. printf '%s' "$PW" | masthead user create ... --password-stdin); without it, a
      one-time link to set the password is printed (valid 7 days).
      The first owner is made this way:  masthead user create --email you@example.org
      --name "Your Name" --role owner
  invite --email E --role R [--name N]
      Prints a one-time invitation link (valid 7 days); its holder chooses name and password.
  reset-link --email E
      Prints a one-time password-reset link (valid 1 hour); earlier ones stop working.
  list
      Lists every account: email, role, name, and whether it is disabled.

Roles: contributor, author, editor, owner (see docs/SECURITY.md).

Options:
  -h, --help   show this help
`;

const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  role: { type: "string" },
  "person-id": { type: "string" },
  "password-stdin": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** Which options each action takes, and which of those it requires. */
export const ACTIONS: Record<string, { allowed: string[]; required: string[] }> = {
  create: {
    allowed: ["email", "name", "role", "person-id", "password-stdin"],
    required: ["email", "name", "role"],
  },
  invite: { allowed: ["email", "role", "name"], required: ["email", "role"] },
  "reset-link": { allowed: ["email"], required: ["email"] },
  list: { allowed: [], required: [] },
};

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean;
};

/** `masthead user`: create, invite, reset-link, list. */
async function run(args: string[], config: Config): Promise<void> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead user --help'.`);
  }
  const { values, positionals } = parsed;
  const [action, ...extra] = positionals;
  const spec = action === undefined ? undefined : ACTIONS[action];
  if (!spec)
    throw usageError(
      action === undefined
        ? "say what to do: masthead user create|invite|reset-link|list. Run 'masthead user --help'."
        : `unknown action '${action}'; use create, invite, reset-link or list. Run 'masthead user --help'.`,
    );
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`);
  const given = Object.keys(values).filter((k) => k !== "help");
  const stray = given.find((k) => !spec.allowed.includes(k));
  if (stray) throw usageError(`'masthead user ${action}' takes no --${stray}`);
  const missing = spec.required.filter((k) => values[k as keyof Values] === undefined);
  if (missing.length > 0)
    throw usageError(
      `'masthead user ${action}' needs ${missing.map((k) => `--${k}`).join(", ")}. Run 'masthead user --help'.`,
    );

  // Read before opening the database, so a wrong password is reported without touching it.
  const password = values["password-stdin"] ? await readPassword() : undefined;
  const store = await openStore(config.database);
  try {
    await migrateToLatest(store);
    const deps = { store, publicUrl: config.publicUrl, mail: config.mail };
    const actor = systemActor("command line");
    if (action === "create") {
      const { user, setPasswordLink } = await createAccount(deps, actor, {
        email: values.email as string,
        name: values.name as string,
        role: values.role as Role,
        personId: values["person-id"] ?? null,
        ...(password === undefined ? {} : { password }),
      });
      console.log(`masthead: created ${user.role} ${user.email} (${user.id})`);
      if (setPasswordLink) printLink(`Set-password link for ${user.email}`, setPasswordLink);
    } else if (action === "invite") {
      const link = await inviteAccount(deps, actor, {
        email: values.email as string,
        role: values.role as Role,
        name: values.name,
      });
      printLink(`Invitation for ${values.email} as ${values.role}`, link);
    } else if (action === "reset-link") {
      const { user, link } = await makeResetLink(deps, actor, { email: values.email as string });
      printLink(`Password reset for ${user.email}`, link);
    } else printUsers(await listAccounts(deps, actor));
  } finally {
    await store.close();
  }
}

/** Standard input up to its end, without the line break a shell pipe usually adds. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY)
    process.stderr.write("Type the password, then press Enter and Ctrl-D:\n");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (text === "")
    throw new CliError("--password-stdin was given but standard input held no password");
  return text;
}

function printLink(what: string, link: SentLink): void {
  // Printed even when mailed: the owner may pass it on another way.
  if (link.sentTo) console.log(`masthead: sent to ${link.sentTo}`);
  console.log(`${what} (works once, until ${link.expiresAt}):`);
  console.log(link.url);
}

function printUsers(users: User[]): void {
  if (users.length === 0) {
    console.log("masthead: no accounts yet; create the first owner with 'masthead user create'");
    return;
  }
  const rows = users.map((u) => [u.email, u.role, u.name, u.disabledAt ? "disabled" : "active"]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] as number) : cell)).join("  "));
}

export const userCommand = { help, run };
