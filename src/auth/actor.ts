import { can, type Permission, type Role } from "../content/index.js";

/**
 * Who is making a change: a signed-in person, an integration's API key, or Masthead itself (the
 * command line run by whoever administers the server, the scheduler, an import in its worker).
 */
export type Actor =
  | {
      kind: "user";
      userId: string;
      name: string;
      role: Role;
      personId: string | null;
      sessionId: string;
    }
  | {
      kind: "apiKey";
      keyId: string;
      name: string;
      role: Role;
      permissions: Permission[];
      userId: string;
    }
  | {
      kind: "system";
      /** What acts, for revisions and logs: "command line", "scheduler", … */
      name: string;
      role: "owner";
      userId: null;
    };

/** Masthead acting on its own behalf with every right, e.g. `systemActor("command line")`. */
export function systemActor(name: string): Actor {
  return { kind: "system", name, role: "owner", userId: null };
}

/** Whether the actor holds `permission`: by role, and for an API key also by its scopes. */
export function actorCan(actor: Actor, permission: Permission): boolean {
  if (!can(actor.role, permission)) return false;
  return actor.kind !== "apiKey" || actor.permissions.includes(permission);
}

/** The Person id an actor writes as (its byline), if any. */
export function actorPersonId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.personId : null;
}

/** An actor that came with a request: a person or an API key, never Masthead itself. */
export type RequestActor = Exclude<Actor, { kind: "system" }>;
