// A table's own entry for a key read from outside (a CSV cell, a header): a plain object would also answer
// "__proto__", "constructor" or "toString" with what every object inherits.
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
