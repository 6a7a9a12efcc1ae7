import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskPriority } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatIn, formatWhen } from '../i18n/format';
import { useLive } from '../state/use-live';
import { nextOccurrence } from '../time/zoned-time';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icon';
import { useToast } from '../ui/toasts';
import { PriorityPicker } from './priority-picker';
import { RoomPicker } from './room-picker';
import { availability, buildTaskBody, TASK_TEMPLATES, type Availability, type TaskTemplate } from './task-templates';
import { typeName } from './task-title';

type Due = { kind: 'in'; minutes: number } | { kind: 'at'; time: string } | { kind: 'none' };

const DUE_CHOICES = [15, 30, 60, 120];

/** Deadline in epoch ms for a due choice; undefined for none, NaN when the typed time is not a time. */
export function dueEpoch(due: Due, now: number, timezone: string): number | undefined {
  switch (due.kind) {
    case 'none':
      return undefined;
    case 'in':
      return now + due.minutes * 60_000;
    case 'at':
      return nextOccurrence(due.time, now, timezone) ?? Number.NaN;
  }
}

/** The new-task form a carer fills in seconds: what, which room, how urgent, by when. */
export function NewTaskDialog({ onClose }: { readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, facility, router } = useApp();
  const notify = useToast();
  const robots = useLive((s) => s.robots);
  const stopped = useLive((s) => s.fleet?.stopped ?? false);
  const [template, setTemplate] = useState<TaskTemplate | undefined>();
  const [roomNode, setRoomNode] = useState<string | undefined>();
  const [priority, setPriority] = useState<TaskPriority>('routine');
  const [due, setDue] = useState<Due>({ kind: 'in', minutes: 60 });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  // Capabilities change rarely; recompute when the robot set's actions or availability do, not on every step.
  const capabilityKey = [...robots.values()].map((r) => `${r.id}:${r.actions.join('+')}:${r.state === 'offline' || r.state === 'error'}:${r.inService}:${r.paused}`).join('|');
  const availabilities = useMemo(
    () => new Map(TASK_TEMPLATES.map((tpl) => [tpl.type, availability(tpl, robots.values(), facility, stopped)] as const)),
    [capabilityKey, facility, stopped],
  );

  const choose = (tpl: TaskTemplate) => {
    setTemplate(tpl);
    setPriority(tpl.priority);
    setDue({ kind: 'in', minutes: tpl.dueInMin });
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!template) return setError(t('newTask.chooseTypeFirst'));
    if (!roomNode) return setError(t('newTask.chooseRoomFirst'));
    const deadline = dueEpoch(due, Date.now(), facility.timezone);
    if (deadline !== undefined && Number.isNaN(deadline)) return setError(t('newTask.dueInvalid'));
    const body = buildTaskBody({ template, roomNode, priority, deadline, note }, facility, router);
    if (!body) return setError(t('newTask.availability.no-service', { service: t(`service.${template.serviceKind}`) }));
    setBusy(true);
    setError(undefined);
    try {
      await api.createTask(body);
      notify(t('newTask.created', { title: t('newTask.summary', { type: typeName(t, template.type), room: facility.placeName(roomNode), priority: t(`priority.${priority}`) }) }), 'success');
      onClose();
    } catch (e) {
      setError(errorText(t, e));
      setBusy(false);
    }
  };

  const chosen = template ? availabilities.get(template.type) : undefined;
  // A typed time already past today is tomorrow's: the preview says so with the date.
  const previewNow = Date.now();
  const previewDue = dueEpoch(due, previewNow, facility.timezone);

  return (
    <Dialog title={t('newTask.title')} onClose={onClose} wide testId="new-task">
      <form className="new-task" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('newTask.stepType')}</legend>
          <div className="template-grid">
            {TASK_TEMPLATES.map((tpl) => {
              const a = availabilities.get(tpl.type)!;
              const impossible = a.kind === 'no-robot-can' || a.kind === 'no-service';
              return (
                <button
                  key={tpl.type}
                  type="button"
                  className={`template-tile${template?.type === tpl.type ? ' selected' : ''}${impossible ? ' impossible' : ''}`}
                  aria-pressed={template?.type === tpl.type}
                  disabled={impossible}
                  onClick={() => choose(tpl)}
                  data-template={tpl.type}
                  data-autofocus={tpl === TASK_TEMPLATES[0] ? true : undefined}
                >
                  <Icon name={tpl.icon} size={30} />
                  <span className="template-name">{typeName(t, tpl.type)}</span>
                  {impossible && <span className="template-note">{t('newTask.personOnly')}</span>}
                </button>
              );
            })}
          </div>
          <AvailabilityNotes availabilities={availabilities} chosen={template?.type} chosenAvailability={chosen} />
        </fieldset>

        <fieldset>
          <legend>{t('newTask.stepRoom')}</legend>
          <RoomPicker value={roomNode} onChange={setRoomNode} />
        </fieldset>

        <fieldset>
          <legend>{t('newTask.stepDetails')}</legend>
          <PriorityPicker value={priority} onChange={setPriority} />
          <div className="due-picker" role="group" aria-label={t('newTask.due')}>
            <span className="field-label">{t('newTask.due')}</span>
            {DUE_CHOICES.map((minutes) => (
              <button key={minutes} type="button" className={due.kind === 'in' && due.minutes === minutes ? 'chip chip-on' : 'chip'} aria-pressed={due.kind === 'in' && due.minutes === minutes} onClick={() => setDue({ kind: 'in', minutes })}>
                {formatIn(minutes * 60, i18n.language)}
              </button>
            ))}
            <label className="field field-inline">
              <span>{t('newTask.dueAt')}</span>
              <input type="time" value={due.kind === 'at' ? due.time : ''} onChange={(e) => setDue({ kind: 'at', time: e.target.value })} />
            </label>
            <button type="button" className={due.kind === 'none' ? 'chip chip-on' : 'chip'} aria-pressed={due.kind === 'none'} onClick={() => setDue({ kind: 'none' })}>
              {t('newTask.dueNone')}
            </button>
            {previewDue !== undefined && !Number.isNaN(previewDue) && <span className="due-preview">{formatWhen(previewDue, previewNow, i18n.language, facility.timezone)}</span>}
          </div>
          <label className="field">
            <span>{t('newTask.note')}</span>
            <textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} aria-describedby="note-hint" />
            <small id="note-hint">{t('newTask.noteHint')}</small>
          </label>
        </fieldset>

        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !template || !roomNode} data-action="submit-task">
            {busy ? t('newTask.submitting') : t('newTask.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AvailabilityNotes({ availabilities, chosen, chosenAvailability }: { availabilities: ReadonlyMap<string, Availability>; chosen?: string; chosenAvailability?: Availability }) {
  const { t } = useTranslation();
  const impossible = TASK_TEMPLATES.filter((tpl) => {
    const a = availabilities.get(tpl.type);
    return a?.kind === 'no-robot-can' || a?.kind === 'no-service';
  });
  return (
    <div className="availability" aria-live="polite">
      {chosen && chosenAvailability?.kind === 'available' && <p className="note note-ok">{t('newTask.availability.available', { count: chosenAvailability.robots })}</p>}
      {chosen && chosenAvailability?.kind === 'no-robot-free' && <p className="note note-warn">{t('newTask.availability.no-robot-free')}</p>}
      {impossible.map((tpl) => {
        const a = availabilities.get(tpl.type)!;
        return (
          <p key={tpl.type} className="note note-muted" data-unavailable={tpl.type}>
            <strong>{typeName(t, tpl.type)}:</strong>{' '}
            {a.kind === 'no-service' ? t('newTask.availability.no-service', { service: t(`service.${tpl.serviceKind}`) }) : t('newTask.availability.no-robot-can')}
          </p>
        );
      })}
    </div>
  );
}
