import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { escalationText } from '../alerts/alert-text';
import { useStaffNames } from '../care/ward-scope';
import type { Task, TaskHistoryEntry } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatIn, formatWhen, formatWhenPrecise } from '../i18n/format';
import { useLive, useNow } from '../state/use-live';
import { PriorityBadge } from '../ui/badges';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Dialog } from '../ui/dialog';
import { useToast } from '../ui/toasts';
import { estimateEta } from './task-eta';
import { isActive } from './task-model';
import { noteText, reasonText } from './task-note';
import { placeText, taskTitle } from './task-title';

/** One task: what, where, when, who — its history, and cancelling it. */
export function TaskDetailsDialog({ taskId, onClose }: { readonly taskId: string; readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, facility, router, can, custodyTypes } = useApp();
  const notify = useToast();
  const live = useLive((s) => s.tasks.get(taskId));
  const robots = useLive((s) => s.robots);
  const pickedUp = useLive((s) => s.pickedUp.has(taskId));
  const [history, setHistory] = useState<TaskHistoryEntry[] | undefined>();
  const [loadError, setLoadError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const now = useNow(5000);
  const staffNames = useStaffNames();

  // The history is fetched again whenever the task changes, so it shows the latest transition too.
  useEffect(() => {
    let cancelled = false;
    api.task(taskId).then(
      (task: Task) => !cancelled && setHistory(task.history ?? []),
      (error: unknown) => !cancelled && setLoadError(errorText(t, error)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, taskId, live?.updatedAt, t]);

  if (!live) return null;
  const task = live;
  const lang = i18n.language;
  const tz = facility.timezone;
  const robot = task.robotId ? robots.get(task.robotId) : undefined;
  const eta = estimateEta(task, robot, router, now, pickedUp, custodyTypes);
  const title = taskTitle(t, task, facility);

  const cancel = async () => {
    try {
      await api.cancelTask(task.id);
      notify(t('details.cancelled'), 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    }
  };

  return (
    <>
      <Dialog
        title={title}
        onClose={onClose}
        wide
        testId="task-details"
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('common.close')}
            </button>
            {can('task.cancel') && isActive(task) && (
              <button type="button" className="button button-danger" onClick={() => setConfirming(true)} data-action="cancel-task">
                {t('details.cancel')}
              </button>
            )}
          </>
        }
      >
        <dl className="details">
          <dt>{t('details.status')}</dt>
          <dd data-field="status">{statusText(t, task)}</dd>
          <dt>{t('details.priority')}</dt>
          <dd>
            <PriorityBadge priority={task.priority} />
          </dd>
          <dt>{t('details.route')}</dt>
          <dd>
            {task.kind === 'transport'
              ? t('details.routeTransport', { from: placeText(t, task.from, facility), to: placeText(t, task.to, facility) })
              : t('details.routeVisit', { place: placeText(t, task.atNode, facility) })}
          </dd>
          <dt>{t('details.created')}</dt>
          <dd>{formatWhen(task.createdAt, now, lang, tz)}</dd>
          <dt>{t('details.due')}</dt>
          <dd>{task.deadline ? formatWhen(task.deadline, now, lang, tz) : t('board.noDue')}</dd>
          <dt>{t('details.robot')}</dt>
          <dd>{robot?.name ?? task.robotId ?? t('board.noRobot')}</dd>
          {eta.kind === 'estimate' && (
            <>
              <dt>{t('details.eta')}</dt>
              <dd data-field="eta">
                {formatWhen(eta.at, now, lang, tz)} ({formatIn(eta.seconds, lang)})
              </dd>
            </>
          )}
          {eta.kind === 'waiting' && (
            <>
              <dt>{t('details.eta')}</dt>
              <dd data-field="eta">{t(`board.etaWaiting.${eta.for}`)}</dd>
            </>
          )}
          {task.note && (
            <>
              <dt>{t('details.note')}</dt>
              <dd>{noteText(t, task)}</dd>
            </>
          )}
          {task.escalationReason ? (
            <>
              <dt>{t('details.reason')}</dt>
              <dd>{escalationText(t, task)}</dd>
            </>
          ) : (
            task.statusReason && (
              <>
                <dt>{t('details.reason')}</dt>
                <dd>{reasonText(t, task.statusReason, staffNames)}</dd>
              </>
            )
          )}
        </dl>
        <h3>{t('details.history')}</h3>
        {loadError && <p className="form-error">{loadError}</p>}
        {!history && !loadError && <p>{t('details.historyLoading')}</p>}
        {history && (
          <ol className="history" data-testid="task-history">
            {history.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <time dateTime={entry.at}>{formatWhenPrecise(entry.at, now, lang, tz)}</time>
                <strong>{historyStatusText(t, task, entry)}</strong>
                <span className="history-cause">
                  {t('details.causeBy', {
                    who:
                      entry.causeKind === 'robot' && entry.causeId
                        ? (robots.get(entry.causeId)?.name ?? entry.causeId)
                        : entry.causeKind === 'staff' && entry.causeId && staffNames.has(entry.causeId)
                          ? staffNames.get(entry.causeId)!
                          : t(`details.cause.${entry.causeKind}`, { defaultValue: entry.causeKind }),
                  })}
                </span>
                {entry.reason && <span className="history-reason">{reasonText(t, entry.reason, staffNames)}</span>}
              </li>
            ))}
          </ol>
        )}
      </Dialog>
      {confirming && (
        <ConfirmDialog
          title={t('details.cancelTitle')}
          body={t(task.robotId ? 'details.cancelBodyRobot' : 'details.cancelBody', { title })}
          confirmLabel={t('details.cancelConfirm')}
          cancelLabel={t('details.cancelKeep')}
          danger
          onConfirm={cancel}
          onClose={() => setConfirming(false)}
          testId="confirm-cancel"
        />
      )}
    </>
  );
}

const STAFF_STATUSES: ReadonlySet<string> = new Set(['requested', 'ready', 'accepted', 'in-progress']);

/** A task's status as staff read it: one for staff (staff-only, or handed to staff) does not wait for a robot. */
function statusText(t: TFunction, task: Task): string {
  return task.performer === 'staff' && STAFF_STATUSES.has(task.status) ? t(`taskStatusStaff.${task.status}`) : t(`taskStatus.${task.status}`);
}

/**
 * A history entry worded as the status is: a task with staff reads "waiting for a member of staff" from when it went to
 * them (its escalation; a staff-only task from the start), not "waiting for a robot". Entries carry no performer, so a
 * task handed back to the robots has its whole history worded for robots.
 */
function historyStatusText(t: TFunction, task: Task, entry: TaskHistoryEntry): string {
  const withStaff = task.performer === 'staff' && (task.escalatedAt === undefined || Date.parse(entry.at) >= Date.parse(task.escalatedAt));
  return withStaff && STAFF_STATUSES.has(entry.to) ? t(`taskStatusStaff.${entry.to}`) : t(`taskStatus.${entry.to}`);
}
