export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema as plain JSON: what a document embeds and a validator compiles. */
export type JsonSchema = { [keyword: string]: JsonValue };

export function isJsonObject(value: JsonValue | undefined): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy as plain JSON: undefined members are left out, anything that is not JSON refused. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonValue(item));
  if (typeof value === 'object') {
    const copy: Record<string, JsonValue> = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) copy[key] = toJsonValue(member);
    return copy;
  }
  throw new Error(`a ${typeof value} is not JSON`);
}
