/**
 * What a save changes: the fields of `next` whose value differs from `current`, with the value
 * each had and the value it gets — the only fields an update writes and its audit event names,
 * so the log says at a glance what someone did. Values are compared as JSON (strings, numbers,
 * booleans, null and arrays of them: exact for these); a save that changes nothing gives
 * `changed: false`, and the caller writes nothing.
 */
export function fieldChanges<T extends object, K extends keyof T>(
  current: T,
  next: Pick<T, K>,
): { before: Pick<T, K>; after: Pick<T, K>; changed: boolean };
export function fieldChanges<T extends object>(
  current: T,
  next: Partial<T>,
): { before: Partial<T>; after: Partial<T>; changed: boolean };
export function fieldChanges<T extends object>(current: T, next: Partial<T>) {
  const before: Partial<T> = {};
  const after: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) {
      before[key] = current[key];
      after[key] = next[key];
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}
