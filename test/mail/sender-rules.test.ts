// The sender's rules without a server: which SMTP errors suppress, retry or wait, and the backoff.
import { describe, expect, it } from "vitest";
import { classifySmtpError } from "../../src/mail/sender.js";
import type { SmtpError } from "../../src/mail/transport.js";
import { retryDelayMs } from "../../src/store/index.js";

const err = (fields: Partial<SmtpError>): SmtpError => Object.assign(new Error("x"), fields);

describe("classifySmtpError", () => {
  it("suppresses only a recipient refused for good", () => {
    expect(classifySmtpError(err({ code: "EENVELOPE", responseCode: 550 }))).toBe("rejected");
    expect(classifySmtpError(err({ code: "EMESSAGE", responseCode: 554 }))).toBe("failed");
    // 503 is a bad sequence of commands, not a refusal.
    expect(classifySmtpError(err({ code: "EENVELOPE", responseCode: 503 }))).toBe("temporary");
  });
  it("retries 4xx, timeouts and drops; waits, uncounted, when the server is out of reach", () => {
    expect(classifySmtpError(err({ code: "EENVELOPE", responseCode: 451 }))).toBe("temporary");
    expect(classifySmtpError(err({ code: "ETIMEDOUT" }))).toBe("temporary");
    expect(classifySmtpError(err({ code: "ECONNECTION" }))).toBe("temporary");
    expect(classifySmtpError(err({ code: "ESOCKET", syscall: "connect" }))).toBe("down");
    expect(classifySmtpError(err({ code: "EAUTH", responseCode: 535 }))).toBe("down");
    expect(classifySmtpError(err({ code: "ETLS" }))).toBe("down");
  });
});

describe("retryDelayMs", () => {
  it("doubles from a minute to six hours, with up to 20 % jitter", () => {
    expect(retryDelayMs(1, () => 0)).toBe(60_000);
    expect(retryDelayMs(2, () => 0)).toBe(120_000);
    expect(retryDelayMs(5, () => 0)).toBe(960_000);
    expect(retryDelayMs(30, () => 0)).toBe(6 * 3_600_000);
    expect(retryDelayMs(1, () => 1)).toBe(72_000);
  });
});
