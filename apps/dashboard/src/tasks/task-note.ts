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

/**
 * Why a task is where it is (its `statusReason`, a history entry's reason), in the staff's language where the api's
 * English is one of its fixed sentences — cancelled by someone, a medication robot waiting at the room, medication
 * handed over — naming the member of staff; a robot's or a person's own words show as written.
 */
export function reasonText(t: TFunction, reason: string, staffNames: ReadonlyMap<string, string>): string {
  const cancelledBy = /^cancelled by (.+)$/.exec(reason);
  if (cancelledBy) return t('details.reasons.cancelledBy', { who: staffNames.get(cancelledBy[1]!) ?? cancelledBy[1] });
  const handedOver = /^medication handed over to a nurse \((dashboard|robot)\)$/.exec(reason);
  if (handedOver) return t(`details.reasons.handedOver.${handedOver[1]}`);
  const known: Record<string, string> = {
    'cancelled over the api': 'details.reasons.cancelledOverApi',
    'waiting at the room for a nurse to take the medication': 'board.etaWaiting.handover',
  };
  return known[reason] ? t(known[reason]) : reason;
}
