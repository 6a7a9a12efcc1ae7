import { DomainError, DomainErrorCode } from './domain-error';

/** Collects every problem of an input, so one error can report them all instead of the first. */
export class Problems {
  private readonly found: string[] = [];

  add(problem: string): void {
    this.found.push(problem);
  }

  get list(): readonly string[] {
    return this.found;
  }

  throwIfAny(code: DomainErrorCode, what: string): void {
    if (this.found.length === 0) return;
    const n = this.found.length;
    const message = `${what} is invalid (${n} problem${n === 1 ? '' : 's'}):\n- ${this.found.join('\n- ')}`;
    throw new DomainError(code, message, undefined, [...this.found]);
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface NumberRule {
  readonly optional?: boolean;
  readonly integer?: boolean;
  /** inclusive */
  readonly min?: number;
  /** inclusive */
  readonly max?: number;
  /** value must be > 0 */
  readonly positive?: boolean;
}

/**
 * Reads typed fields of one JSON object, reporting each bad field as `<where>: <field> …` and returning undefined
 * for it, so callers carry on and find the next problem.
 */
export class JsonReader {
  constructor(
    private readonly obj: JsonObject,
    readonly where: string,
    private readonly problems: Problems,
  ) {}

  problem(message: string): void {
    this.problems.add(`${this.where}: ${message}`);
  }

  string(key: string, optional = false): string | undefined {
    const value = this.obj[key];
    if (value === undefined && optional) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.problem(`${key} must be a non-empty string${describe(value)}`);
    return undefined;
  }

  number(key: string, rule: NumberRule = {}): number | undefined {
    const value = this.obj[key];
    if (value === undefined && rule.optional) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(`${key} must be a number${describe(value)}`);
      return undefined;
    }
    const broken = brokenNumberRule(value, rule);
    if (broken) this.problem(`${key} must be ${broken} (got ${value})`);
    return broken ? undefined : value;
  }

  stringArray(key: string, optional = false): string[] | undefined {
    const value = this.obj[key];
    if (value === undefined && optional) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
      this.problem(`${key} must be a list of non-empty strings`);
      return undefined;
    }
    return value as string[];
  }

  /** A list of objects, each with its index in the file; items that are not objects are reported and dropped. */
  objectArray(key: string, itemName: string, optional = false): IndexedObject[] {
    const value = this.obj[key];
    if (value === undefined && optional) return [];
    if (!Array.isArray(value)) {
      this.problem(`${key} must be a list`);
      return [];
    }
    const items: IndexedObject[] = [];
    value.forEach((obj: unknown, index) => {
      if (isJsonObject(obj)) items.push({ index, obj });
      else this.problems.add(`${itemName} #${index}: must be an object`);
    });
    return items;
  }
}

export interface IndexedObject {
  readonly index: number;
  readonly obj: JsonObject;
}

function brokenNumberRule(value: number, rule: NumberRule): string | undefined {
  if (rule.integer && !Number.isInteger(value)) return 'an integer';
  if (rule.positive && value <= 0) return 'positive';
  if (rule.min !== undefined && value < rule.min) return `at least ${rule.min}`;
  if (rule.max !== undefined && value > rule.max) return `at most ${rule.max}`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return ' (missing)';
  return ` (got ${JSON.stringify(value)})`;
}

/** Reports every id that appears more than once. */
export function checkUniqueIds(ids: readonly (string | undefined)[], what: string, problems: Problems): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === undefined) continue;
    if (seen.has(id)) problems.add(`${what} id "${id}" is used more than once`);
    seen.add(id);
  }
}
