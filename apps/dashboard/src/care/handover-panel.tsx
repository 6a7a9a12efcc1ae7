import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover, Resident, Ward } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { escalationText, handoverAlertText } from '../alerts/alert-text';
import { formatDateTime, formatTime } from '../i18n/format';
import { PriorityBadge } from '../ui/badges';
import { useLive } from '../state/use-live';
import { useToast } from '../ui/toasts';
import { placeText, typeName } from '../tasks/task-title';

/**
 * The shift handover of a ward: the outgoing nurse's report (open tasks, escalations, alerts, residents with an
 * incident), reviewed and signed by her, then by the incoming nurse; kept as signed.
 */
export function HandoverPanel() {
  const { t } = useTranslation();
  const { api } = useApp();
  const notify = useToast();
  const [wards, setWards] = useState<Ward[] | undefined>();
  const [wardId, setWardId] = useState('');

  useEffect(() => {
    api.wards().then(
      (list) => {
        setWards(list);
        setWardId((current) => current || (list[0]?.id ?? ''));
      },
      (error: unknown) => notify(errorText(t, error), 'error'),
    );
  }, [api, notify, t]);

  return (
    <section className="handover-view" aria-labelledby="handover-title">
      <div className="view-header">
        <h2 id="handover-title">{t('handover.title')}</h2>
        {wards && wards.length > 0 && (
          <label>
            {t('handover.ward')}{' '}
            <select value={wardId} onChange={(e) => setWardId(e.target.value)} data-field="handover-ward">
              {wards.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {wards === undefined ? <p className="empty">{t('common.loading')}</p> : wards.length === 0 ? <p className="empty">{t('handover.noWards')}</p> : <WardHandover key={wardId} wardId={wardId} />}
    </section>
  );
}

function WardHandover({ wardId }: { readonly wardId: string }) {
  const { t, i18n } = useTranslation();
  const { api, facility, session, can } = useApp();
  const notify = useToast();
  const [report, setReport] = useState<Handover | null | undefined>();
  const [names, setNames] = useState<ReadonlyMap<string, Resident>>(new Map());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const robots = useLive((s) => s.robots);
  const tz = facility.timezone;

  const load = useCallback(() => {
    api.handovers(wardId, 1).then(
      (list) => setReport(list[0] ?? null),
      (error: unknown) => notify(errorText(t, error), 'error'),
    );
    api.residents(wardId).then(
      (list) => setNames(new Map(list.map((r) => [r.id, r]))),
      () => undefined,
    );
  }, [api, wardId, notify, t]);
  useEffect(load, [load]);

  const act = async (work: () => Promise<Handover>, done: string) => {
    setBusy(true);
    try {
      setReport(await work());
      notify(done, 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    } finally {
      setBusy(false);
    }
  };

  if (report === undefined) return <p className="empty">{t('common.loading')}</p>;
  const nurse = session.user.role === 'nurse';
  const canPrepare = can('care.manage') && (!report || report.status === 'draft' || Date.parse(report.shiftEnd) <= Date.now());
  const prepare = canPrepare && (
    <button type="button" className="button" disabled={busy} onClick={() => void act(() => api.generateHandover(wardId), t('handover.prepared'))} data-action="handover-prepare">
      {report && report.status === 'draft' ? t('handover.refresh') : t('handover.prepare')}
    </button>
  );
  if (!report) {
    return (
      <div>
        <p className="empty">{t('handover.none')}</p>
        {prepare}
      </div>
    );
  }
  const resident = (id: string) => names.get(id)?.displayName ?? id;
  return (
    <article className="handover-report" data-handover={report.id} data-status={report.status}>
      <p>
        <strong>{t('handover.shift', { from: formatDateTime(report.shiftStart, i18n.language, tz), to: formatTime(report.shiftEnd, i18n.language, tz) })}</strong>{' '}
        <span className="flag">{t(`handover.status.${report.status}`)}</span>{' '}
        <span className="muted">{t('handover.generated', { time: formatTime(report.generatedAt, i18n.language, tz) })}</span>
      </p>
      {prepare}

      <h3>{t('handover.openTasks', { count: report.openTasks.length })}</h3>
      <ul className="handover-list" data-section="open-tasks">
        {report.openTasks.map((task) => (
          <li key={task.id}>
            {(task.earliestStart ?? task.deadline) && <strong>{formatDateTime(task.earliestStart ?? task.deadline!, i18n.language, tz)} </strong>}
            {typeName(t, task.type)} — {placeText(t, task.roomNode, facility)} ·{' '}
            {task.performer === 'staff' && ['requested', 'ready', 'accepted', 'in-progress'].includes(task.status) ? t(`taskStatusStaff.${task.status}`) : t(`taskStatus.${task.status}`)}{' '}
            <PriorityBadge priority={task.priority} />
            {task.residentId && <span className="muted"> · {resident(task.residentId)}</span>}
          </li>
        ))}
      </ul>
      <h3>{t('handover.escalations', { count: report.escalations.length })}</h3>
      <ul className="handover-list" data-section="escalations">
        {report.escalations.map((e) => (
          <li key={`${e.taskId}-${e.at}`}>
            {typeName(t, e.type)} · {formatTime(e.at, i18n.language, tz)} · {escalationText(t, { escalationReason: e.reason })}
          </li>
        ))}
      </ul>
      <h3>{t('handover.alerts', { count: report.alerts.length })}</h3>
      <ul className="handover-list" data-section="alerts">
        {report.alerts.map((a) => (
          <li key={a.id}>
            {formatTime(a.at, i18n.language, tz)} · {handoverAlertText(t, a, robots, facility)}
          </li>
        ))}
      </ul>
      <h3>{t('handover.incidents', { count: report.residentsWithIncidents.length })}</h3>
      <ul className="handover-list" data-section="incidents">
        {report.residentsWithIncidents.map((r) => (
          <li key={r.residentId}>
            <strong>{resident(r.residentId)}</strong>:{' '}
            {r.incidents.map((i) => t('handover.incident', { kind: t(`incidentKind.${i.kind}`, { defaultValue: i.kind }), time: formatDateTime(i.occurredAt, i18n.language, tz) })).join('; ')}
          </li>
        ))}
      </ul>

      <h3>{t('handover.signatures')}</h3>
      {report.note && <p data-testid="handover-note">{t('handover.noteShown', { note: report.note })}</p>}
      <p>{report.outgoing ? t('handover.signedOut', { name: report.outgoing.displayName, time: formatTime(report.outgoing.at, i18n.language, tz) }) : t('handover.notSignedOut')}</p>
      {report.status === 'draft' && nurse && (
        <div className="handover-sign">
          <label>
            {t('handover.note')}
            <textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} data-field="handover-note" />
          </label>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void act(() => api.signHandover(report.id, 'outgoing', note.trim() || undefined), t('handover.signedDone'))} data-action="sign-outgoing">
            {t('handover.signOutgoing')}
          </button>
        </div>
      )}
      <p>{report.incoming ? t('handover.signedIn', { name: report.incoming.displayName, time: formatTime(report.incoming.at, i18n.language, tz) }) : t('handover.notSignedIn')}</p>
      {report.status === 'signed-out' && nurse && report.outgoing?.staffId !== session.user.id && (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void act(() => api.signHandover(report.id, 'incoming'), t('handover.signedDone'))} data-action="sign-incoming">
          {t('handover.signIncoming')}
        </button>
      )}
      {report.status !== 'complete' && !nurse && <p className="muted">{t('handover.nurseOnly')}</p>}
    </article>
  );
}
