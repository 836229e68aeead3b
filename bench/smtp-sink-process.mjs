// The SMTP server of bench/newsletter-send.mjs: accepts every message on 127.0.0.1 and counts it
// without parsing it (the data stream is discarded), so the sender's cost is measured, not the
// sink's. A tiny HTTP port answers GET /count with
// {"messages": n, "recipients": distinct RCPT TO addresses, "firstAt": ms, "lastAt": ms};
// POST /reset starts counting again (each part of the benchmark counts its own edition).
// Usage: node bench/smtp-sink-process.mjs   (prints "listening <smtp port> <http port>")
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

let messages = 0;
let firstAt = null;
let lastAt = null;
// Distinct recipients show a message sent twice (a lease that ran out, a retry) as a difference.
const recipients = new Set();

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  // The sender may open several connections; the default (no limit) is fine, but no banner delay.
  banner: "bench sink",
  onData(stream, session, callback) {
    stream.on("end", () => {
      messages += 1;
      const now = Date.now();
      firstAt ??= now;
      lastAt = now;
      for (const rcpt of session.envelope.rcptTo) recipients.add(rcpt.address.toLowerCase());
      callback();
    });
    stream.resume();
  },
});
smtp.on("error", (error) => process.stderr.write(`sink: ${error.message}\n`));

const http = createServer((request, response) => {
  if (request.url === "/reset" && request.method === "POST") {
    messages = 0;
    firstAt = null;
    lastAt = null;
    recipients.clear();
    response.writeHead(204);
    response.end();
  } else if (request.url === "/count") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ messages, recipients: recipients.size, firstAt, lastAt }));
  } else {
    response.writeHead(404);
    response.end();
  }
});

smtp.listen(0, "127.0.0.1", () => {
  http.listen(0, "127.0.0.1", () => {
    process.stdout.write(`listening ${smtp.server.address().port} ${http.address().port}\n`);
  });
});
process.once("SIGTERM", () => process.exit(0));
process.once("SIGINT", () => process.exit(0));
