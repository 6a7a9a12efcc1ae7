import type { TFunction } from 'i18next';
import type { Alert, Robot, Task } from '../api/contract';
import { ALERT_KINDS } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { taskTitle } from '../tasks/task-title';

const ESCALATION_CODES: ReadonlySet<string> = new Set(['no-capable-robot', 'no-robot-available', 'robot-failed', 'deadline-at-risk', 'handover-missed']);

/** An alert in the staff's language, built from its kind, robot and task (the api's message is English detail). */
export function alertText(
  t: TFunction,
  alert: Alert,
  robots: ReadonlyMap<string, Robot>,
  tasks: ReadonlyMap<string, Task>,
  facility: FacilityIndex,
): string {
  const robot = alert.robotId ? (robots.get(alert.robotId)?.name ?? alert.robotId) : t('alerts.unknownRobot');
  const task = alert.taskId ? tasks.get(alert.taskId) : undefined;
  const taskText = task ? taskTitle(t, task, facility) : t('alerts.unknownTask');
  if (!(ALERT_KINDS as readonly string[]).includes(alert.kind)) return t('alerts.kind.other', { message: alert.message });
  return t(`alerts.kind.${alert.kind}`, { robot, task: taskText, reason: escalationText(t, task) });
}

/** Why a task went to staff, in the staff's language (the api's `statusReason` is English detail). */
export function escalationText(t: TFunction, task: Pick<Task, 'escalationReason'> | undefined): string {
  const code = task?.escalationReason;
  return code && ESCALATION_CODES.has(code) ? t(`escalation.${code}`) : t('escalation.unknown');
}

export function isOpen(alert: Alert): boolean {
  return alert.acknowledgedAt === undefined;
}

/** Open ones first (stat before others), newest first. */
export function sortAlerts(alerts: Iterable<Alert>): Alert[] {
  const rank = (a: Alert) => (isOpen(a) ? (a.severity === 'stat' ? 0 : 1) : 2);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || Date.parse(b.at) - Date.parse(a.at));
}
