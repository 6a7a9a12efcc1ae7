import type { TFunction } from 'i18next';
import type { Task } from '../api/contract';

/**
 * The note of an incident's follow-up check as the api writes it (incident.service.ts): English, with the incident's
 * id. Staff read it in their language, without the id; any other note is someone's own words and shows as written.
 */
const FOLLOW_UP = /^Follow-up (\d+)\/(\d+) after ([a-z-]+) \(incident [^)]+\)$/;

export function noteText(t: TFunction, task: Pick<Task, 'type' | 'note'>): string | undefined {
  if (task.note === undefined) return undefined;
  const followUp = task.type === 'incident-check' ? FOLLOW_UP.exec(task.note) : null;
  if (!followUp) return task.note;
  const [, n, of, kind] = followUp;
  return t('details.followUp', { n, of, kind: t(`incidentKind.${kind}`, { defaultValue: kind }).toLowerCase() });
}
