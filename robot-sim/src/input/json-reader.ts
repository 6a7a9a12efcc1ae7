/** Thrown when a facility or scenario file does not have the shape the simulator needs; names the bad field. */
export class SimInputError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${source}: ${field} ${problem}`);
    this.name = 'SimInputError';
  }
}

/**
 * Small typed accessors over untrusted JSON. Each names the field path it failed on, so a broken file tells the
 * operator exactly what to fix instead of failing later with `undefined`.
 */
export class JsonReader {
  constructor(
    private readonly source: string,
    private readonly value: unknown,
    private readonly path: string = '',
  ) {}

  fail(problem: string): never {
    throw new SimInputError(this.source, this.path || '(root)', problem);
  }

  at(key: string | number): JsonReader {
    const path = typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key;
    const record = this.value as Record<string | number, unknown>;
    return new JsonReader(this.source, record?.[key], path);
  }

  present(): boolean {
    return this.value !== undefined;
  }

  object(): JsonReader {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value)) this.fail('must be an object');
    return this;
  }

  array(): JsonReader[] {
    if (!Array.isArray(this.value)) this.fail('must be an array');
    return (this.value as unknown[]).map((_, index) => this.at(index));
  }

  string(): string {
    if (typeof this.value !== 'string' || this.value.length === 0) this.fail('must be a non-empty string');
    return this.value as string;
  }

  number(): number {
    if (typeof this.value !== 'number' || !Number.isFinite(this.value)) this.fail('must be a finite number');
    return this.value as number;
  }

  nonNegative(): number {
    const value = this.number();
    if (value < 0) this.fail(`must be >= 0, got ${value}`);
    return value;
  }

  positive(): number {
    const value = this.number();
    if (value <= 0) this.fail(`must be > 0, got ${value}`);
    return value;
  }

  positiveInteger(): number {
    const value = this.positive();
    if (!Number.isInteger(value)) this.fail(`must be an integer, got ${value}`);
    return value;
  }

  stringArray(): string[] {
    return this.array().map((item) => item.string());
  }
}
