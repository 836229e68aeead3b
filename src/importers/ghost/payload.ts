// A card's payload (mobiledoc) or a card node (Lexical) is JSON from the export: any field may be
// missing, null or of another type in a hand-edited or half-migrated post. These read a field
// as the type wanted, or as empty, so one bad card never stops a post.

/** A card's fields as parsed JSON. */
export type Payload = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Payload {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field as a trimmed string; "" when missing or not a string. */
export function str(payload: Payload, key: string): string {
  const value = payload[key];
  return typeof value === "string" ? value.trim() : "";
}

/** A field as a list of objects; [] when missing or not an array. */
export function records(payload: Payload, key: string): Payload[] {
  const value = payload[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A field as an object; {} when missing or not an object. */
export function record(payload: Payload, key: string): Payload {
  const value = payload[key];
  return isRecord(value) ? value : {};
}

/**
 * The entry of a lookup table for a name read from the export, or undefined: only the table's
 * own entries, so a card named "constructor" finds nothing rather than Object's prototype.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
