import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Robot } from '../api/contract';
import type { RobotCommand } from '../api/opiekun-api';
import { useApp } from '../app/app-context';
import { errorText } from '../app/error-text';
import { useLive } from '../state/use-live';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { Icon } from '../ui/icon';
import { useToast } from '../ui/toasts';

/** The buttons a staff member's role allows for one robot; nothing is shown that the role may not do. */
export function RobotActions({ robot }: { readonly robot: Robot }) {
  const { t } = useTranslation();
  const { api, can } = useApp();
  const notify = useToast();
  const fleetStopped = useLive((s) => s.fleet?.stopped ?? false);
  const [busy, setBusy] = useState<RobotCommand | undefined>();
  const [confirmOut, setConfirmOut] = useState(false);
  const online = robot.state !== 'offline';

  const run = async (command: RobotCommand) => {
    setBusy(command);
    try {
      await api.robotCommand(robot.id, command);
      notify(t(`robots.sent.${command}`, { name: robot.name }), 'success');
    } catch (error) {
      notify(errorText(t, error), 'error');
    } finally {
      setBusy(undefined);
    }
  };

  // While the fleet is stopped, only a manager may put a single robot back to work.
  const mayResume = can('robot.resume') && (!fleetStopped || can('fleet.resume'));
  // A robot whose factsheet does not list a command's action would refuse it (so does the api, 409): the button stays,
  // disabled, and says why. A robot whose factsheet we do not know is not held back.
  const lacks = (action: string, scope: 'instant' | 'node') =>
    robot.instantActions !== undefined && !(scope === 'instant' ? robot.instantActions : robot.actions).includes(action);
  const why = (action: string, scope: 'instant' | 'node') => (lacks(action, scope) ? t('robots.notSupported', { action }) : undefined);
  return (
    <div className="robot-actions">
      {robot.paused && !mayResume && (
        // nothing to press, but who can: a carer who paused a robot is not left wondering (during a fleet stop only a
        // manager, whoever asks)
        <span className="muted" data-robot-hint="resume">
          {fleetStopped ? t('robots.resumeManagerOnly') : t('robots.resumeNurseOnly')}
        </span>
      )}
      {robot.paused
        ? mayResume && (
            <button
              type="button"
              className="button button-small"
              disabled={!online || busy !== undefined || lacks('stopPause', 'instant')}
              title={why('stopPause', 'instant')}
              onClick={() => void run('resume')}
              data-robot-action="resume"
            >
              <Icon name="play" size={18} /> {t('robots.resume')}
            </button>
          )
        : can('robot.pause') && (
            <button
              type="button"
              className="button button-small"
              disabled={!online || busy !== undefined || lacks('startPause', 'instant')}
              title={why('startPause', 'instant')}
              onClick={() => void run('pause')}
              data-robot-action="pause"
            >
              <Icon name="pause" size={18} /> {t('robots.pause')}
            </button>
          )}
      {can('robot.charge') && (
        <button
          type="button"
          className="button button-small"
          disabled={!online || robot.charging || robot.currentTaskId !== undefined || busy !== undefined || lacks('startCharging', 'node')}
          title={why('startCharging', 'node')}
          onClick={() => void run('charge')}
          data-robot-action="charge"
        >
          <Icon name="charger" size={18} /> {t('robots.charge')}
        </button>
      )}
      {can('robot.service') &&
        (robot.inService ? (
          <button type="button" className="button button-small" disabled={busy !== undefined} onClick={() => setConfirmOut(true)} data-robot-action="out-of-service">
            <Icon name="wrench" size={18} /> {t('robots.takeOut')}
          </button>
        ) : (
          <button type="button" className="button button-small" disabled={busy !== undefined} onClick={() => void run('in-service')} data-robot-action="in-service">
            <Icon name="check" size={18} /> {t('robots.putBack')}
          </button>
        ))}
      {confirmOut && (
        <ConfirmDialog
          title={t('robots.confirmTakeOutTitle', { name: robot.name })}
          body={t('robots.confirmTakeOutBody')}
          confirmLabel={t('robots.confirmTakeOut')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => run('out-of-service')}
          onClose={() => setConfirmOut(false)}
        />
      )}
    </div>
  );
}
