import { can, type Permission, type Role } from "../content/index.js";

/** Who is making a request: a signed-in person or an integration's API key. */
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
    };

/** Whether the actor holds `permission`: by role, and for an API key also by its scopes. */
export function actorCan(actor: Actor, permission: Permission): boolean {
  if (!can(actor.role, permission)) return false;
  return actor.kind === "user" || actor.permissions.includes(permission);
}

/** The Person id an actor writes as (its byline), if any. */
export function actorPersonId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.personId : null;
}
