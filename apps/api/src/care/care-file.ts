import { readFileSync } from 'node:fs';
import type { CareSeed } from '@opiekun/application';
import { parseShiftChanges, SHIFT_START_HOURS, type Facility } from '@opiekun/domain';

/**
 * Reads a care file (assets/care/FORMAT.md). Only its outline is checked here; every ward, resident and plan is
 * validated by the services that store it, which name the bad field.
 */
export function readCareFile(file: string, facility: Facility): CareSeed {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CareSeed>;
  const problems: string[] = [];
  if (data.facility !== facility.id) problems.push(`facility: "${String(data.facility)}" is not the loaded facility "${facility.id}"`);
  for (const key of ['wards', 'residents', 'carePlans'] as const) if (!Array.isArray(data[key])) problems.push(`${key}: must be a list`);
  if (typeof data.startsOn !== 'string') problems.push('startsOn: must be a date YYYY-MM-DD');
  if (problems.length > 0) throw new Error(problems.join('; '));
  return data as CareSeed;
}

/**
 * The facility's shift changes from the care file's optional `shiftChanges` (`["07:00", "15:00", "23:00"]`, local
 * time); read at every start, unlike the rest of the file. No file or no field: 07:00, 15:00, 23:00.
 */
export function readShiftChanges(file: string): readonly number[] {
  if (!file) return SHIFT_START_HOURS;
  const data = JSON.parse(readFileSync(file, 'utf8')) as { shiftChanges?: unknown };
  if (data.shiftChanges === undefined) return SHIFT_START_HOURS;
  try {
    return parseShiftChanges(data.shiftChanges);
  } catch (error) {
    throw new Error(`care file ${file}: ${(error as Error).message}`, { cause: error });
  }
}
