// The baseline of bench/article-page.mjs: a bare Node `http` server answering every request
// with the same bytes and content type Masthead sent for the article page, from memory.
// Usage: node bench/bare-server.mjs <body-file> <content-type>   (prints "listening <port>")
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [bodyFile, contentType] = process.argv.slice(2);
if (!bodyFile || !contentType) {
  process.stderr.write("usage: node bench/bare-server.mjs <body-file> <content-type>\n");
  process.exit(2);
}
const body = readFileSync(bodyFile);
const headers = { "content-type": contentType, "content-length": body.length };

const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
// Keep-alive connections would hold a graceful close open; the benchmark is over anyway.
process.once("SIGTERM", () => process.exit(0));
process.once("SIGINT", () => process.exit(0));
