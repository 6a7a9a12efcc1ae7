import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The parsed command line of a bench entry (node:util parseArgs `values`). */
type Values = Readonly<Record<string, string | boolean | string[] | undefined>>;

/**
 * A numeric option: the fallback when absent, else a finite number in [min, max] (a whole one when `whole`); anything
 * else is refused with a message that names the option, what it must be and what was given.
 */
export function numericOption(values: Values, key: string, fallback: number, range: { min: number; max: number; whole?: boolean }): number {
  const raw = values[key];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  const kind = range.whole ? 'a whole number' : 'a number';
  if (!Number.isFinite(value) || (range.whole && !Number.isInteger(value)) || value < range.min || value > range.max) {
    throw new Error(`--${key} must be ${kind} from ${range.min} to ${range.max} (got "${String(raw)}")`);
  }
  return value;
}

/**
 * A bench entry's command line: parsed against `options` (plus `--help`), then checked by `read`, which throws an
 * Error naming the problem. Returns what `read` made of it, or the exit code to end with: 0 after `--help` (the usage
 * printed), 2 after a refusal (the message and the usage on stderr).
 */
export function commandLine<T>(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>, usage: string, read: (values: Values) => T): { readonly options: T } | { readonly exit: number } {
  try {
    const values = parseArgs({ args: [...argv], strict: true, options: { ...options, help: { type: 'boolean' } } }).values as Values;
    if (values.help) {
      console.log(usage);
      return { exit: 0 };
    }
    return { options: read(values) };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return { exit: 2 };
  }
}
