// Reads a Ghost JSON export as a stream of tokens, so a large export never sits in memory whole:
// only the export's `meta` and the rows of the tables asked for are assembled into objects, one
// row at a time; every other table (members, sessions, api_keys…) is stepped over unread, its
// rows only counted. Both shapes Ghost and its tools write are read: `{"db":[{meta, data}]}`
// and the bare `{meta, data}`.
import { createReadStream } from "node:fs";
import { parser } from "stream-json";
import Assembler from "stream-json/assembler.js";
import { cleanStrings } from "../../content/index.js";
import { GhostExportError } from "./ghost-error.js";

/** What the reader hands out: the export's meta, or one row of a table asked for. */
export type GhostToken =
  | { type: "meta"; value: unknown }
  | { type: "row"; table: string; value: unknown };

/** What a read found besides the rows: rows per table (asked for or not), and whether it looked like an export. */
export interface ReadSummary {
  rows: Map<string, number>;
  /** Every table the export has, empty ones too. */
  tables?: Set<string>;
  sawMeta: boolean;
  sawData: boolean;
}

type Role = "descend" | "meta" | { row: string } | "skip";

/** Where in the export a value sits, from the keys (and array indexes) above it. */
function roleOf(keys: readonly (string | number | null)[]): Role {
  const n = keys.length;
  if (n === 0) return "descend";
  const first = keys[0];
  if (first === "db") {
    if (n <= 2) return "descend";
    if (n === 3) return keys[2] === "meta" ? "meta" : keys[2] === "data" ? "descend" : "skip";
    if (keys[2] !== "data") return "skip";
    return n === 4 ? "descend" : n === 5 ? { row: String(keys[3]) } : "skip";
  }
  if (first === "meta") return n === 1 ? "meta" : "skip";
  if (first === "data") return n <= 2 ? "descend" : n === 3 ? { row: String(keys[1]) } : "skip";
  return "skip";
}

const STARTS = new Set(["startObject", "startArray"]);
const ENDS = new Set(["endObject", "endArray"]);
const SCALARS = new Set(["stringValue", "numberValue", "nullValue", "trueValue", "falseValue"]);

/**
 * Yields the export's meta and the rows of `tables`, in file order, and fills `summary`. Throws
 * GhostExportError when the file is not valid JSON (truncated, corrupted).
 */
export async function* readGhostExport(
  file: string,
  tables: ReadonlySet<string>,
  summary: ReadSummary,
  onBytes?: (read: number) => void,
): AsyncGenerator<GhostToken> {
  let bytes = 0;
  const input = createReadStream(file);
  input.on("data", (chunk) => {
    bytes += chunk.length;
    onBytes?.(bytes);
  });
  const tokens = input.pipe(parser.asStream({ streamValues: false }));
  input.on("error", (error) => tokens.destroy(error));
  // The key (object) or index (array) of the value being read, per open container.
  const keys: (string | number | null)[] = [];
  const arrays: boolean[] = [];
  let skipDepth = 0;
  let asm: Assembler | null = null;
  let assembling: Role = "skip";
  try {
    for await (const token of tokens as AsyncIterable<{ name: string; value?: unknown }>) {
      const name = token.name;
      if (asm) {
        asm.consume(token as never);
        if (asm.done) {
          const value = asm.current;
          asm = null;
          // Cleaned (content/text.ts): a NUL or half an emoji in one field must not fail the
          // post it is in; an import drops what the store would refuse.
          if (assembling === "meta") yield { type: "meta", value: cleanStrings(value) };
          else if (typeof assembling === "object")
            yield { type: "row", table: assembling.row, value: cleanStrings(value) };
        }
        continue;
      }
      if (skipDepth > 0) {
        if (STARTS.has(name)) skipDepth++;
        else if (ENDS.has(name)) skipDepth--;
        continue;
      }
      if (name === "keyValue") {
        keys[keys.length - 1] = token.value as string;
        continue;
      }
      if (ENDS.has(name)) {
        keys.pop();
        arrays.pop();
        continue;
      }
      const isStart = STARTS.has(name);
      if (!isStart && !SCALARS.has(name)) continue;
      const depth = keys.length;
      if (depth > 0 && arrays[depth - 1]) keys[depth - 1] = (keys[depth - 1] as number) + 1;
      const role = roleOf(keys);
      if (depth === 0 && name !== "startObject") throw new Error("the file holds no JSON object");
      if (role === "meta") summary.sawMeta = true;
      if (role === "descend" && (keys[0] === "data" || keys[2] === "data")) {
        summary.sawData = true;
        const table = keys[0] === "data" ? keys[1] : keys[3];
        if (typeof table === "string") summary.tables?.add(table);
      }
      if (typeof role === "object")
        summary.rows.set(role.row, (summary.rows.get(role.row) ?? 0) + 1);
      if (!isStart) continue;
      if (role === "descend") {
        const isArray = name === "startArray";
        keys.push(isArray ? -1 : null);
        arrays.push(isArray);
      } else if (role === "meta" || (typeof role === "object" && tables.has(role.row))) {
        asm = new Assembler();
        asm.consume(token as never);
        assembling = role;
      } else skipDepth = 1;
    }
  } catch (error) {
    if (error instanceof GhostExportError) throw error;
    const message = (error as Error).message.replace(/^Parser /, "");
    throw new GhostExportError(
      file,
      /expected a value|has expected/i.test(message) && bytes > 0
        ? `the JSON ends too early (truncated after ${bytes} bytes?): ${message}`
        : `not valid JSON (${message}, within the first ${bytes} bytes)`,
    );
  } finally {
    input.destroy();
  }
}
