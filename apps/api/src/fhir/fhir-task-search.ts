import { DomainError, DomainErrorCode, TASK_STATUSES, type Task, type TaskStatus } from '@opiekun/domain';
import { fhirId } from './fhir-task.mapper';

/** The FHIR search on Task we answer: `status`, `_lastUpdated` (ge/gt/le/lt), `owner`, `_count`. */
export interface FhirTaskSearch {
  readonly status?: readonly TaskStatus[];
  /** Epoch ms bounds on the task's last update; `inclusive` per bound. */
  readonly updatedAfter?: { readonly at: number; readonly inclusive: boolean };
  readonly updatedBefore?: { readonly at: number; readonly inclusive: boolean };
  readonly owner?: { readonly kind: 'Device' | 'Practitioner'; readonly id: string };
  readonly count: number;
}

export const DEFAULT_COUNT = 50;
export const MAX_COUNT = 200;
const SUPPORTED = ['status', '_lastUpdated', 'owner', '_count', '_format'];

const bad = (param: string, message: string) => new DomainError(DomainErrorCode.InvalidArgument, `${param}: ${message}`, param);
const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** Reads the query string; anything we do not support is refused by name (FHIR servers may not ignore it silently). */
export function parseFhirTaskSearch(query: Record<string, unknown>): FhirTaskSearch {
  const unknown = Object.keys(query).filter((k) => !SUPPORTED.includes(k));
  if (unknown.length > 0) throw bad(unknown[0]!, `unsupported search parameter (supported: ${SUPPORTED.join(', ')})`);
  return { ...readStatus(list(query.status)), ...readLastUpdated(list(query._lastUpdated)), ...readOwner(list(query.owner)), count: readCount(list(query._count)) };
}

function readStatus(values: string[]): Pick<FhirTaskSearch, 'status'> {
  if (values.length === 0) return {};
  const statuses = values.flatMap((v) => v.split(','));
  const wrong = statuses.find((s) => !TASK_STATUSES.includes(s as TaskStatus));
  if (wrong !== undefined) throw bad('status', `"${wrong}" is not one of ${TASK_STATUSES.join(', ')}`);
  return { status: statuses as TaskStatus[] };
}

function readLastUpdated(values: string[]): Pick<FhirTaskSearch, 'updatedAfter' | 'updatedBefore'> {
  const out: { updatedAfter?: FhirTaskSearch['updatedAfter']; updatedBefore?: FhirTaskSearch['updatedBefore'] } = {};
  for (const value of values) {
    const match = /^(ge|gt|le|lt)(\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?)$/.exec(value);
    const at = match ? Date.parse(match[2]!) : NaN;
    if (!match || Number.isNaN(at)) throw bad('_lastUpdated', `"${value}": use ge, gt, le or lt and a date or a dateTime with its zone (ge2026-11-23T08:00:00Z)`);
    const bound = { at, inclusive: match[1] === 'ge' || match[1] === 'le' };
    if (match[1]!.startsWith('g')) out.updatedAfter = bound;
    else out.updatedBefore = bound;
  }
  return out;
}

function readOwner(values: string[]): Pick<FhirTaskSearch, 'owner'> {
  if (values.length === 0) return {};
  const match = /^(Device|Practitioner)\/(.+)$/.exec(values[0]!);
  if (values.length > 1 || !match) throw bad('owner', 'one Device/<robotId> or Practitioner/<staffId>');
  return { owner: { kind: match[1] as 'Device' | 'Practitioner', id: match[2]! } };
}

function readCount(values: string[]): number {
  if (values.length === 0) return DEFAULT_COUNT;
  const count = Number(values[0]);
  if (values.length > 1 || !Number.isInteger(count) || count < 0) throw bad('_count', 'a whole number ≥ 0');
  return Math.min(count, MAX_COUNT);
}

/** Whether a task matches what the store could not filter: last update bounds and the owner (raw or FHIR-safe id). */
export function matchesSearch(task: Task, search: FhirTaskSearch): boolean {
  const { updatedAfter: after, updatedBefore: before, owner } = search;
  if (after && (after.inclusive ? task.updatedAt < after.at : task.updatedAt <= after.at)) return false;
  if (before && (before.inclusive ? task.updatedAt > before.at : task.updatedAt >= before.at)) return false;
  if (owner) {
    const id = owner.kind === 'Device' ? task.robotId : task.staffId;
    if (id === undefined || (id !== owner.id && fhirId(id) !== owner.id)) return false;
  }
  return true;
}
