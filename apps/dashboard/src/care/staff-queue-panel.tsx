import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatWhen } from '../i18n/format';
import { useLive, useLiveStore, useNow } from '../state/use-live';
import { PriorityBadge } from '../ui/badges';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Icon } from '../ui/icon';
import { useToast } from '../ui/toasts';
import { noteText } from '../tasks/task-note';
import { taskTitle } from '../tasks/task-title';
import { escalationText } from '../alerts/alert-text';
import { IncidentDialog } from './incident-dialog';
import { MeasurementsSection } from './measurements-section';
import { custodyPrompts, isMedication, staffQueue, type CustodyPrompt } from './staff-queue-model';
import { useResidentNames, useWardScope, type WardChoice } from './ward-scope';

/** The people's side of the one task flow: medication robots waiting for a nurse, and the ward staff queue. */
export function StaffQueuePanel() {
  const { t } = useTranslation();
  const tasks = useLive((s) => s.tasks);
  const robots = useLive((s) => s.robots);
  const wards = useWardScope();
  const queue = staffQueue(tasks.values(), wards.scope);
  const { can, custodyTypes } = useApp();
  const prompts = custodyPrompts(tasks.values(), robots, wards.scope, custodyTypes);
  const [reporting, setReporting] = useState(false);
  const names = new Map(wards.wards.map((w) => [w.id, w.name]));
  const residents = useResidentNames();
  // one clock and one look at the fleet for the whole queue, not one per item
  const now = useNow(30_000);
  const fleet = [...robots.values()];
  return (
    <section className="queue-view" aria-labelledby="queue-title">
      <div className="view-header">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <p className="view-stats">{t('queue.count', { count: queue.length })}</p>
        {wards.wards.length > 0 && (
          <label>
            {t('queue.wards.label')}{' '}
            <select value={wards.choice} onChange={(e) => wards.choose(e.target.value as WardChoice)} data-field="queue-wards">
              {wards.mine.length > 0 && <option value="mine">{t('queue.wards.mine', { wards: wards.mine.map((id) => names.get(id) ?? id).join(', ') })}</option>}
              <option value="all">{t('queue.wards.all')}</option>
              {wards.wards.map((w) => (
                <option key={w.id} value={`ward:${w.id}`}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {can('task.create') && (
          <button type="button" className="button" onClick={() => setReporting(true)} data-action="report-incident">
            {t('incident.open')}
          </button>
        )}
      </div>
      {reporting && <IncidentDialog onClose={() => setReporting(false)} />}
      {prompts.length > 0 && (
        <>
          <h3>{t('queue.custody.title')}</h3>
          <ul className="alert-list" data-testid="custody-prompts">
            {prompts.map((p) => (
              <CustodyPromptItem key={`${p.task.id}-${p.step}`} prompt={p} resident={p.task.residentId ? residents.get(p.task.residentId) : undefined} />
            ))}
          </ul>
        </>
      )}
      <MeasurementsSection />
      {queue.length === 0 ? (
        <p className="empty">{t('queue.none')}</p>
      ) : (
        <ul className="alert-list" data-testid="staff-queue">
          {queue.map((task) => (
            <QueueItem
              key={task.id}
              task={task}
              now={now}
              wardName={task.wardId ? names.get(task.wardId) : undefined}
              resident={task.residentId ? residents.get(task.residentId) : undefined}
              // "give back to robots" only when some robot of the fleet could do it (the api refuses otherwise: 422)
              robotCan={fleet.some((r) => task.requires.every((action) => r.actions.includes(action)))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function useStep() {
  const { t } = useTranslation();
  const store = useLiveStore();
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string, onDone?: () => void) => {
    setBusy(true);
    try {
      const result = await work();
      if (result && typeof result === 'object' && 'id' in result && 'status' in result) store.upsertTask(result as Task);
      onDone?.();
      notify(done, 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

function QueueItem({ task, now, wardName, resident, robotCan }: { readonly task: Task; readonly now: number; readonly wardName?: string; readonly resident?: string; readonly robotCan: boolean }) {
  const { t, i18n } = useTranslation();
  const { api, facility, session, can, custodyTypes } = useApp();
  const { busy, run } = useStep();
  const mine = task.staffId !== undefined && task.staffId === session.user.id;
  const taken = task.staffId !== undefined && !mine;
  // only a nurse is recorded as giving medication: others see the task, not its buttons (the api answers 403)
  const nurseOnly = isMedication(task, custodyTypes) && session.user.role !== 'nurse';
  // done is for good (no step takes it back): asked once, naming the task and the resident
  const [confirming, setConfirming] = useState(false);
  const title = taskTitle(t, task, facility);
  return (
    <li className="alert-item severity-info" data-queue-task={task.id}>
      <Icon name="task" />
      <div className="alert-text">
        <strong>{title}</strong>
        {resident && <span data-field="resident">{resident}</span>}
        <PriorityBadge priority={task.priority} />
        {task.carePlanId && <span className="flag">{t('queue.carePlan')}</span>}
        {task.wardId && <span className="muted">{wardName ?? t('queue.ward', { ward: task.wardId })}</span>}
        {task.escalationReason && <span>{t('queue.escalated', { reason: escalationText(t, task) })}</span>}
        {task.note && <span className="muted">{noteText(t, task)}</span>}
        <span>{task.deadline ? t('board.due', { time: formatWhen(task.deadline, now, i18n.language, facility.timezone) }) : t('board.noDue')}</span>
        {mine && <span className="flag">{t('queue.yours')}</span>}
        {taken && <span className="muted">{t('queue.taken')}</span>}
        {nurseOnly && <span className="muted">{t('queue.custody.nurseOnly')}</span>}
      </div>
      {can('task.claim') && !taken && !nurseOnly && (
        <span className="queue-actions">
          {!mine && (
            <button type="button" className="button button-small" disabled={busy} onClick={() => void run(() => api.staffTask(task.id, 'claim'), t('queue.claimed'))} data-action="claim">
              {t('queue.claim')}
            </button>
          )}
          <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => setConfirming(true)} data-action="complete">
            {t('queue.complete')}
          </button>
          {robotCan && (
            <button type="button" className="button button-small" disabled={busy} onClick={() => void run(() => api.staffTask(task.id, 'hand-back'), t('queue.handedBack'))} data-action="hand-back">
              {t('queue.handBack')}
            </button>
          )}
        </span>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('queue.completeTitle')}
          body={t('queue.completeBody', { title: resident ? `${title} (${resident})` : title })}
          confirmLabel={t('queue.completeConfirm')}
          cancelLabel={t('queue.completeKeep')}
          onConfirm={() => run(() => api.staffTask(task.id, 'complete'), t('queue.completed'))}
          onClose={() => setConfirming(false)}
          testId="confirm-complete"
          safeFirst
        />
      )}
    </li>
  );
}

function CustodyPromptItem({ prompt, resident }: { readonly prompt: CustodyPrompt; readonly resident?: string }) {
  const { t } = useTranslation();
  const { api, facility, session } = useApp();
  const { busy, run } = useStep();
  // A confirmed step stays confirmed: the prompt lingers until the robot moves off (a second tap would be refused, 409).
  const [confirmed, setConfirmed] = useState(false);
  const robots = useLive((s) => s.robots);
  const robot = prompt.task.robotId ? robots.get(prompt.task.robotId) : undefined;
  const nurse = session.user.role === 'nurse';
  // a vehicle whose factsheet lists no releaseTrigger cannot be opened from here (the api refuses): on the robot only
  const onRobotOnly = robot?.instantActions !== undefined && !robot.instantActions.includes('releaseTrigger');
  return (
    <li className="alert-item severity-warning" data-custody-task={prompt.task.id} data-step={prompt.step}>
      <Icon name="medication" />
      <div className="alert-text">
        <strong>{taskTitle(t, prompt.task, facility)}</strong>
        {resident && <span data-field="resident">{resident}</span>}
        <span>{t(`queue.custody.${prompt.step}Waiting`, { robot: robot?.name ?? prompt.task.robotId ?? '' })}</span>
        {!nurse && <span className="muted">{t('queue.custody.nurseOnly')}</span>}
        {nurse && onRobotOnly && <span className="muted">{t('queue.custody.onRobotOnly')}</span>}
      </div>
      {nurse && !onRobotOnly && (
        <button
          type="button"
          className="button button-small button-primary"
          disabled={busy || confirmed}
          onClick={() => void run(() => api.custody(prompt.task.id, prompt.step), t(`queue.custody.${prompt.step}Done`), () => setConfirmed(true))}
          data-action={`custody-${prompt.step}`}
        >
          {t(`queue.custody.${prompt.step}`)}
        </button>
      )}
    </li>
  );
}
