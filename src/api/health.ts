import type { FastifyInstance } from "fastify";
import type { Store } from "../store/reads.js";

/**
 * The two probes an orchestrator or load balancer asks. `/healthz` is about the process alone: it
 * answers 200 while the process can answer at all, and never touches the database, so an outage
 * of the database does not get healthy processes restarted. `/readyz` is about serving: it asks
 * the database and answers 503 `MH_DB_UNREACHABLE` (with Retry-After) while it cannot be reached,
 * so traffic can be steered elsewhere meanwhile (docs/OPERATIONS.md).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  store: Store,
  status: { email: "on" | "off" | "queued" } = { email: "off" },
): void {
  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    return { ok: true };
  });

  app.get("/readyz", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    await store.db.selectNoFrom((eb) => eb.lit(1).as("ok")).execute();
    // email: "on" (this instance sends), "queued" (a separate mail-sender does), "off" (no SMTP).
    return { ok: true, database: "reachable", email: status.email };
  });
}
