import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '../api/contract';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatDuration, formatPercent, formatWhen } from '../i18n/format';
import { useLive } from '../state/use-live';
import { typeName } from '../tasks/task-title';
import { localDate } from '../time/zoned-time';

/** Today's (or a chosen day's) shift: what the fleet did, how punctually, and the staff time it gave back. */
export function ShiftSummary() {
  const { t, i18n } = useTranslation();
  const { api, facility } = useApp();
  const robots = useLive((s) => s.robots);
  const today = localDate(Date.now(), facility.timezone);
  const [date, setDate] = useState(today);
  const [report, setReport] = useState<ShiftReport | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(undefined);
    api.shiftReport(date).then(
      (r) => !cancelled && setReport(r),
      (e: unknown) => !cancelled && setError(errorText(t, e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, date, reload, t]);

  const lang = i18n.language;
  const tz = facility.timezone;
  return (
    <section className="summary-view" aria-labelledby="summary-title">
      <div className="view-header">
        <h2 id="summary-title">{t('summary.title')}</h2>
        <div className="summary-controls">
          <label className="field field-inline">
            <span>{t('summary.date')}</span>
            <input type="date" value={date} max={today} onChange={(e) => e.target.value && setDate(e.target.value)} data-summary-date />
          </label>
          <button type="button" className="button" onClick={() => setDate(today)} disabled={date === today}>
            {t('summary.today')}
          </button>
          <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
            {t('summary.refresh')}
          </button>
        </div>
      </div>
      {error && <p className="form-error">{error}</p>}
      {!report && !error && <p>{t('summary.loading')}</p>}
      {report && (
        <>
          <p className="muted">{t('summary.range', { from: formatWhen(report.from, Date.now(), lang, tz), to: formatWhen(report.to, Date.now(), lang, tz), timezone: report.timezone })}</p>
          <div className="kpis">
            <div className="kpi" data-kpi="completed">
              <span className="kpi-label">{t('summary.completed')}</span>
              <span className="kpi-value">{report.completed}</span>
              <span className="kpi-note">
                {t('summary.failed', { count: report.failed })} · {t('summary.cancelled', { count: report.cancelled })}
              </span>
            </div>
            <div className="kpi" data-kpi="on-time">
              <span className="kpi-label">{t('summary.onTime')}</span>
              <span className="kpi-value">{report.onTimeRate === null ? t('common.dash') : formatPercent(report.onTimeRate, lang)}</span>
              {report.onTimeRate === null && <span className="kpi-note">{t('summary.onTimeNone')}</span>}
            </div>
            <div className="kpi" data-kpi="wait">
              <span className="kpi-label">{t('summary.averageWait')}</span>
              <span className="kpi-value">{report.averageWaitS === null ? t('common.dash') : formatDuration(report.averageWaitS, lang)}</span>
            </div>
            <div className="kpi" data-kpi="robot-hours">
              <span className="kpi-label">{t('summary.robotHours')}</span>
              <span className="kpi-value">{formatDuration(report.robotWorkS, lang)}</span>
              <span className="kpi-note">{t('summary.robotHoursHint')}</span>
            </div>
          </div>
          {report.byType.length === 0 ? (
            <p className="empty">{t('summary.empty')}</p>
          ) : (
            <div className="summary-tables">
              <table>
                <caption>{t('summary.byType')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('summary.type')}</th>
                    <th scope="col">{t('summary.count')}</th>
                    <th scope="col">{t('summary.onTimeShare')}</th>
                    <th scope="col">{t('summary.wait')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.byType.map((row) => (
                    <tr key={row.type}>
                      <th scope="row">{typeName(t, row.type)}</th>
                      <td>{row.completed}</td>
                      <td>{row.withDeadline === 0 ? t('common.dash') : formatPercent(row.onTime / row.withDeadline, lang)}</td>
                      <td>{row.averageWaitS === null ? t('common.dash') : formatDuration(row.averageWaitS, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table>
                <caption>{t('summary.byRobot')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('summary.robot')}</th>
                    <th scope="col">{t('summary.tasks')}</th>
                    <th scope="col">{t('summary.work')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.byRobot.map((row) => (
                    <tr key={row.robotId}>
                      <th scope="row">{robots.get(row.robotId)?.name ?? row.robotId}</th>
                      <td>{row.tasks}</td>
                      <td>{formatDuration(row.workS, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
