// Asynchronous bounces (issue 15): a mail server's delivery report or Amazon SES's notice, posted
// to the bounce hook, turned into outbox rows marked `bounced` and suppressed addresses. What a
// report says is read by parseBounceReport; this decides what to record.
import { createHash, timingSafeEqual } from "node:crypto";
import { MastheadError, unauthenticated } from "../content/index.js";
import { type BounceParse, parseBounceReport } from "../mail/bounces.js";
import { recordBounce, type Store, transact } from "../store/index.js";

/** What the hook did with one report. */
export interface BounceOutcome {
  /** Permanent bounces and complaints recorded (address suppressed). */
  suppressed: string[];
  /** Temporary bounces: nothing recorded, the server retries by itself. */
  temporary: number;
  /** Set when the report was not a bounce (a delay notice, an SES delivery, …). */
  ignored?: string;
  /** SNS asks to confirm the subscription: an operator opens this address once. */
  subscribeUrl?: string;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Checks the hook's secret: 404 MH_NOT_FOUND while no MASTHEAD_BOUNCE_TOKEN is set (the hook is
 * off), 401 MH_UNAUTHENTICATED for a missing or wrong one. Compared in constant time.
 */
export function checkBounceToken(configured: string | null, given: string | undefined): void {
  if (!configured)
    throw new MastheadError(
      "MH_NOT_FOUND",
      "the bounce hook is off: MASTHEAD_BOUNCE_TOKEN is not set",
    );
  if (given === undefined || !timingSafeEqual(digest(configured), digest(given)))
    throw unauthenticated("the bounce hook needs its token (Authorization: Bearer …, or ?token=)");
}

/** Records what one report says: permanent bounces and complaints suppress their address. */
export async function receiveBounceReport(
  deps: { store: Store },
  body: Buffer | string,
  contentType: string,
): Promise<BounceOutcome> {
  const report: BounceParse = await parseBounceReport(body, contentType);
  if (report.kind === "ignored") return { suppressed: [], temporary: 0, ignored: report.reason };
  if (report.kind === "subscription-confirmation")
    return { suppressed: [], temporary: 0, subscribeUrl: report.subscribeUrl };
  const suppressed: string[] = [];
  let temporary = 0;
  await transact(deps.store, async (tx) => {
    for (const bounce of report.bounces) {
      if (!bounce.permanent) {
        temporary += 1;
        continue;
      }
      const complaint = bounce.diagnostic?.startsWith("complaint") === true;
      await recordBounce(tx, {
        address: bounce.address,
        messageId: bounce.messageId,
        permanent: true,
        reason: complaint ? "complaint" : "hard_bounce",
        detail: [bounce.status, bounce.diagnostic].filter(Boolean).join(" ") || null,
      });
      suppressed.push(bounce.address);
    }
  });
  return { suppressed, temporary };
}
