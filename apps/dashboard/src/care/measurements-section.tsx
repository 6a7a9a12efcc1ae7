import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveState } from '../state/live-store';
import type { Measurement } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatTime } from '../i18n/format';
import { useLive, useLiveThrottled } from '../state/use-live';
import { useToast } from '../ui/toasts';

const taskPicture = (s: LiveState) => s.tasks;

/**
 * Robots' measurements waiting for a nurse: the robot's report as it sent it, marked preliminary; a nurse confirms or
 * rejects it. Opiekun reads nothing out of it. Refreshed when tasks change (a finished vitals round brings one).
 */
export function MeasurementsSection() {
  const { t, i18n } = useTranslation();
  const { api, facility, session } = useApp();
  const notify = useToast();
  const tasks = useLiveThrottled(taskPicture, 5_000);
  const robots = useLive((s) => s.robots);
  const [list, setList] = useState<Measurement[]>([]);
  const [busy, setBusy] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    api.preliminaryMeasurements().then(
      (found) => live && setList(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, tasks]);

  if (list.length === 0) return null;
  const nurse = session.user.role === 'nurse';
  const review = async (m: Measurement, decision: 'confirm' | 'reject') => {
    setBusy(m.id);
    try {
      await api.reviewMeasurement(m.id, decision);
      setList((current) => current.filter((x) => x.id !== m.id));
      notify(t(decision === 'confirm' ? 'measurement.confirmed' : 'measurement.rejected'), 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <h3>{t('measurement.title')}</h3>
      <ul className="alert-list" data-testid="measurements">
        {list.map((m) => (
          <li key={m.id} className="alert-item severity-info" data-measurement={m.id}>
            <div className="alert-text">
              <span className="flag">{t('measurement.preliminary')}</span>
              <strong>{m.text}</strong>
              <span className="muted">
                {t('measurement.source', { robot: robots.get(m.robotId)?.name ?? m.robotId, time: formatTime(m.at, i18n.language, facility.timezone) })}
              </span>
            </div>
            {nurse ? (
              <span className="queue-actions">
                <button type="button" className="button button-small button-primary" disabled={busy === m.id} onClick={() => void review(m, 'confirm')} data-action="confirm-measurement">
                  {t('measurement.confirm')}
                </button>
                <button type="button" className="button button-small" disabled={busy === m.id} onClick={() => void review(m, 'reject')} data-action="reject-measurement">
                  {t('measurement.reject')}
                </button>
              </span>
            ) : (
              <span className="muted">{t('measurement.nurseOnly')}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
