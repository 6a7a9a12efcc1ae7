import type { TFunction } from 'i18next';
import type { Alert, Handover, Robot, Task } from '../api/contract';
import { ALERT_KINDS } from '../api/contract';
import type { FacilityIndex } from '../facility/facility-index';
import { placeText, taskTitle, typeName } from '../tasks/task-title';

const ESCALATION_CODES: ReadonlySet<string> = new Set(['no-capable-robot', 'no-robot-available', 'robot-failed', 'deadline-at-risk', 'handover-missed', 'load-missed']);

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

/** Alert kinds worded around their robot, their task, or both (alerts.kind.*). */
const NEEDS_ROBOT: ReadonlySet<string> = new Set(['robot-offline', 'low-battery', 'robot-error', 'robot-failing', 'robot-order-limit', 'patrol-finding', 'task-done-offline']);
const NEEDS_TASK: ReadonlySet<string> = new Set(['task-failed', 'task-overdue', 'task-escalated', 'no-capable-robot', 'patrol-finding', 'task-done-offline']);

/**
 * An alert of a shift handover report in the staff's language, from the robot and the task the report kept with it.
 * A report generated before those were kept (or an alert of a kind this dashboard does not know) shows the api's
 * message: better its English than a sentence about an unknown robot.
 */
export function handoverAlertText(t: TFunction, alert: Handover['alerts'][number], robots: ReadonlyMap<string, Robot>, facility: FacilityIndex): string {
  const known = (ALERT_KINDS as readonly string[]).includes(alert.kind);
  if (!known || (NEEDS_ROBOT.has(alert.kind) && !alert.robotId) || (NEEDS_TASK.has(alert.kind) && !alert.task)) return alert.message;
  const robot = alert.robotId ? (robots.get(alert.robotId)?.name ?? alert.robotId) : t('alerts.unknownRobot');
  const task = alert.task ? t('details.title', { type: typeName(t, alert.task.type), place: placeText(t, alert.task.placeNode, facility) }) : t('alerts.unknownTask');
  return t(`alerts.kind.${alert.kind}`, { robot, task, reason: escalationText(t, { escalationReason: alert.task?.escalationReason }) });
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
