/** A value JSON can carry: what events, metadata and read-model documents are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonObject = { readonly [key: string]: JsonValue };

/** The value as an object, or undefined when it is not one (null, an array, a scalar). */
export function asJsonObject(value: JsonValue | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
