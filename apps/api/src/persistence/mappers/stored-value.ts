/**
 * Reading back what we wrote: a value outside its allowed set means the row was written by something else (a bad
 * migration, a hand edit), and is reported rather than passed on as a wrongly typed domain value.
 */
export function storedOneOf<T extends string>(allowed: readonly T[], value: string, column: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`stored ${column} "${value}" is not one of ${allowed.join(', ')}`);
}

export function nullToUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function undefinedToNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

/** Optional domain fields are absent, not present-and-undefined, as when the domain builds them. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
