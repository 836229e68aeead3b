// The store: opening SQLite or PostgreSQL, migrations, and one module per aggregate.
// Its errors are declared in the catalogue, src/content/errors.ts. The whole of it, for the
// services, the layers below HTTP and tests; the HTTP layers and the CLI import reads.ts.
export * from "./reads.js";
export * from "./writes.js";
