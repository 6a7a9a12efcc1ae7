import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatWhen } from '../i18n/format';
import { useLive, useNow } from '../state/use-live';
import { Icon } from '../ui/icon';
import { useToast } from '../ui/toasts';
import { alertText, isOpen, sortAlerts } from './alert-text';

export function AlertsPanel() {
  const { t } = useTranslation();
  const alerts = useLive((s) => s.alerts);
  const sorted = sortAlerts(alerts.values());
  const open = sorted.filter(isOpen);
  const done = sorted.filter((a) => !isOpen(a)).slice(0, 20);
  return (
    <section className="alerts-view" aria-labelledby="alerts-title">
      <div className="view-header">
        <h2 id="alerts-title">{t('alerts.title')}</h2>
        <p className="view-stats">{t('alerts.open', { count: open.length })}</p>
      </div>
      {open.length === 0 ? (
        <p className="empty">{t('alerts.none')}</p>
      ) : (
        <ul className="alert-list">
          {open.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <>
          <h3>{t('alerts.recentAcknowledged')}</h3>
          <ul className="alert-list alert-list-done">
            {done.map((alert) => (
              <AlertItem key={alert.id} alert={alert} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function AlertItem({ alert, compact }: { readonly alert: Alert; readonly compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { api, facility, can } = useApp();
  const notify = useToast();
  const robots = useLive((s) => s.robots);
  const tasks = useLive((s) => s.tasks);
  const now = useNow(30_000);
  const [busy, setBusy] = useState(false);
  const acknowledge = async () => {
    setBusy(true);
    try {
      await api.acknowledgeAlert(alert.id);
    } catch (error) {
      notify(errorText(t, error), 'error');
      setBusy(false);
    }
  };
  const severity = ['info', 'warning', 'stat'].includes(alert.severity) ? alert.severity : 'warning';
  return (
    <li className={`alert-item severity-${severity}${isOpen(alert) ? '' : ' acknowledged'}`} data-alert={alert.id}>
      <Icon name={severity === 'info' ? 'bell' : 'warning'} />
      <div className="alert-text">
        <span className="alert-severity">{t(`alerts.severity.${severity}`)}</span>
        <span>{alertText(t, alert, robots, tasks, facility)}</span>
        <time dateTime={alert.at}>{formatWhen(alert.at, now, i18n.language, facility.timezone)}</time>
        {!compact && alert.acknowledgedAt && (
          <span className="muted">{t('alerts.acknowledged', { name: alert.acknowledgedByName ?? '', time: formatWhen(alert.acknowledgedAt, now, i18n.language, facility.timezone) })}</span>
        )}
      </div>
      {isOpen(alert) && can('alert.acknowledge') && (
        <button type="button" className="button button-small" disabled={busy} onClick={() => void acknowledge()} data-action="acknowledge">
          {t('alerts.acknowledge')}
        </button>
      )}
    </li>
  );
}

/** A `stat` alert nobody acknowledged yet stays on top of every view, flashing (unless motion is reduced). */
export function StatAlertBanner() {
  const alerts = useLive((s) => s.alerts);
  const stat = sortAlerts(alerts.values()).filter((a) => isOpen(a) && a.severity === 'stat');
  if (stat.length === 0) return null;
  return (
    <div className="stat-banner" role="alert" data-testid="stat-banner">
      <ul className="alert-list">
        {stat.slice(0, 3).map((alert) => (
          <AlertItem key={alert.id} alert={alert} compact />
        ))}
      </ul>
    </div>
  );
}
