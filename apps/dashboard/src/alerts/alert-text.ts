import type { TFunction } from 'i18next';
import type { Alert, Robot, Task } from '../api/contract';
import { ALERT_KINDS } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { taskTitle } from '../tasks/task-title';

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
  return t(`alerts.kind.${alert.kind}`, { robot, task: taskText });
}

export function isOpen(alert: Alert): boolean {
  return alert.acknowledgedAt === undefined;
}

/** Open ones first (stat before others), newest first. */
export function sortAlerts(alerts: Iterable<Alert>): Alert[] {
  const rank = (a: Alert) => (isOpen(a) ? (a.severity === 'stat' ? 0 : 1) : 2);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || Date.parse(b.at) - Date.parse(a.at));
}
