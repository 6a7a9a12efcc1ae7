import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { checkCareSeed, type CareSeed, type IdGenerator } from '@opiekun/application';
import { DomainError, parseShiftChanges, SHIFT_START_HOURS, type Facility } from '@opiekun/domain';
import { CARE_FILE_SCHEMA } from './care-file.schema';

/** A care file (assets/care/FORMAT.md), read and its shape checked. */
export interface CareFile {
  /** What a fresh database starts with; its entries are checked when it is stored (seedCareWhenEmpty). */
  readonly seed: CareSeed;
  /** Local start hours of the shifts (`shiftChanges`; default 07:00, 15:00, 23:00), used at every start. */
  readonly shiftChanges: readonly number[];
}

/** Everything wrong with a care file, a line each, naming the file and the entry: `CARE_FILE=x.json: wards[1].id …`. */
export class CareFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((problem) => `CARE_FILE=${file}: ${problem}`).join('\n'));
    this.name = 'CareFileError';
  }
}

const matchesSchema = addFormats(new Ajv({ allErrors: true, strict: true })).compile<unknown>(CARE_FILE_SCHEMA);

/**
 * Reads a care file and checks what every start takes from it — its shape and its shift changes — so a bad file
 * stops the start with every problem listed. Given `entries`, for a database that will get the file, every entry is
 * checked too, against the facility and the file's other entries and as at `now` (checkCareSeed), before anything
 * is stored; a database that has its wards already does not get the file, so its entries are not held against it.
 */
export function readCareFile(file: string, entries?: { facility: Facility; ids: IdGenerator; now: number }): CareFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CareFileError(file, [(error as Error).message]);
  }
  if (!matchesSchema(json)) throw new CareFileError(file, (matchesSchema.errors ?? []).map(shapeProblem));
  const { shiftChanges: shifts, ...seed } = json as CareSeed & { shiftChanges?: unknown };
  const problems: string[] = [];
  const checked = <T>(work: () => T): T | undefined => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(...(error.details ?? [error.message]));
      return undefined;
    }
  };
  const shiftChanges = shifts === undefined ? SHIFT_START_HOURS : checked(() => parseShiftChanges(shifts));
  if (entries) checked(() => checkCareSeed(seed, entries.facility, entries.ids, entries.now));
  if (!shiftChanges || problems.length > 0) throw new CareFileError(file, problems);
  return { seed, shiftChanges };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** One schema error as a line that names the entry: `carePlans[0].activity.serviceS must be a number`. */
function shapeProblem(error: ErrorObject): string {
  const at = entryPath(error.instancePath);
  const field = (name: unknown) => (at ? `${at}.${String(name)}` : String(name));
  switch (error.keyword) {
    case 'additionalProperties':
      return `${field(error.params.additionalProperty)} is not a field of a care file`;
    case 'required':
      return `${field(error.params.missingProperty)} is missing`;
    case 'type':
      return `${at || 'the file'} must be ${TYPE_NAMES[String(error.params.type)] ?? String(error.params.type)}`;
    case 'enum':
      return `${at} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${at || 'the file'} ${error.message ?? error.keyword}`;
  }
}

/** A JSON pointer (`/carePlans/0/activity`) as the file's reader writes it (`carePlans[0].activity`). */
function entryPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
