import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { formatWhen } from '../i18n/format';
import { useLive, useNow } from '../state/use-live';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Icon } from '../ui/icon';
import { useToast } from '../ui/toasts';

/** The always-visible stop: anyone signed in may stop the whole fleet. */
export function StopAllButton() {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const notify = useToast();
  const [confirming, setConfirming] = useState(false);
  if (!can('fleet.stop')) return null;
  const stop = async () => {
    try {
      await api.stopFleet();
      notify(t('fleet.stopSent'), 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    }
  };
  return (
    <>
      <button type="button" className="button stop-all" onClick={() => setConfirming(true)} data-action="stop-all">
        <Icon name="stop" size={24} /> {t('fleet.stopAll')}
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('fleet.stopTitle')}
          body={t('fleet.stopBody')}
          confirmLabel={t('fleet.stopConfirm')}
          cancelLabel={t('fleet.stopKeep')}
          danger
          onConfirm={stop}
          onClose={() => setConfirming(false)}
          testId="confirm-stop"
        />
      )}
    </>
  );
}

/** While the fleet is stopped: who stopped it, how many robots confirmed, and — for a manager — resume. */
export function FleetStoppedBanner() {
  const { t, i18n } = useTranslation();
  const { api, can, facility } = useApp();
  const notify = useToast();
  const fleet = useLive((s) => s.fleet);
  const robots = useLive((s) => s.robots);
  const now = useNow(30_000);
  const [confirming, setConfirming] = useState(false);
  if (!fleet?.stopped) return null;
  const online = [...robots.values()].filter((r) => r.state !== 'offline');
  const paused = online.filter((r) => r.paused).length;
  // robots whose factsheet lists no startPause: not told to pause (they would refuse), held from new work instead
  const cannotPause = online.filter((r) => !r.paused && r.instantActions !== undefined && !r.instantActions.includes('startPause'));
  const resume = async () => {
    try {
      await api.resumeFleet();
      notify(t('fleet.resumeSent'), 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    }
  };
  return (
    <div className="fleet-banner" role="status" data-testid="fleet-stopped">
      <Icon name="stop" size={26} />
      <div>
        <strong>{t('fleet.stopped', { name: fleet.stop?.byName ?? '', time: fleet.stop ? formatWhen(fleet.stop.at, now, i18n.language, facility.timezone) : '' })}</strong>
        <span>
          {t('fleet.pausedCount', { paused, online: online.length })} ·{' '}
          {paused === online.length ? t('fleet.confirmed') : paused + cannotPause.length === online.length ? t('fleet.othersCannotPause') : t('fleet.waitingConfirm')}
        </span>
        {cannotPause.length > 0 && (
          <span data-testid="cannot-pause">{t('fleet.cannotPause', { robots: cannotPause.map((r) => r.name).join(', ') })}</span>
        )}
      </div>
      {can('fleet.resume') ? (
        <button type="button" className="button button-primary" onClick={() => setConfirming(true)} data-action="resume-all">
          <Icon name="play" /> {t('fleet.resumeAll')}
        </button>
      ) : (
        <span className="muted">{t('fleet.onlyManager')}</span>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('fleet.resumeTitle')}
          body={t('fleet.resumeBody')}
          confirmLabel={t('fleet.resumeConfirm')}
          cancelLabel={t('fleet.resumeKeep')}
          onConfirm={resume}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
