import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Robot, Task } from '../api/contract';
import { useApp } from '../app/app-context';
import { formatAgo } from '../i18n/format';
import { robotFloor } from '../map/floor-geometry';
import type { LiveState } from '../state/live-store';
import { useLive, useLiveThrottled, useNow } from '../state/use-live';
import { taskTitle } from '../tasks/task-title';
import { BatteryMeter, StateBadge } from '../ui/badges';
import { Icon } from '../ui/icon';
import { RobotActions } from './robot-actions';

const selectRobots = (s: LiveState) => s.robots;

/** VDA 5050 operating modes in which a robot takes no orders (the api sends it none): staff must see why it idles. */
const NO_ORDER_MODES = ['MANUAL', 'SERVICE', 'TEACHIN'] as const;
type NoOrderMode = (typeof NO_ORDER_MODES)[number];
/** Robot kinds with a name in the staff's language (the simulator's and the demo's); any other model reads as reported. */
const KNOWN_MODELS = new Set(['carrier', 'care-assistant']);
const modelName = (t: TFunction, model: string) => (KNOWN_MODELS.has(model) ? t(`robots.models.${model}`) : model);

const byAttention = (a: Robot, b: Robot) => attention(a) - attention(b) || a.name.localeCompare(b.name, undefined, { numeric: true });

/** Robots that need a look come first: error, offline, stopped for safety or in a mode that takes no jobs, the rest. */
function attention(robot: Robot): number {
  if (robot.state === 'error') return 0;
  if (robot.state === 'offline') return 1;
  if (safetyStopped(robot) || takesNoOrders(robot)) return 2;
  return 3;
}

/** What an offline robot last said of its mode or its safety is not how it is now: shown only while it is online. */
function takesNoOrders(robot: Robot): robot is Robot & { operatingMode: NoOrderMode } {
  return robot.state !== 'offline' && NO_ORDER_MODES.includes(robot.operatingMode as NoOrderMode);
}

function safetyStopped(robot: Robot): boolean {
  return robot.state !== 'offline' && robot.safetyStop === true;
}

export function RobotsPanel({ onShowOnMap }: { readonly onShowOnMap: (id: string) => void }) {
  const { t } = useTranslation();
  // A table of 50 robots needs no more than two refreshes a second.
  const robots = useLiveThrottled(selectRobots, 500);
  const tasks = useLive((s) => s.tasks);
  const now = useNow(5000);
  const list = [...robots.values()].sort(byAttention);
  const offline = list.filter((r) => r.state === 'offline').length;
  const errors = list.filter((r) => r.state === 'error').length;
  return (
    <section className="robots-view" aria-labelledby="robots-title">
      <div className="view-header">
        <h2 id="robots-title">{t('robots.title')}</h2>
        <p className="view-stats">
          {offline > 0 && <span className="flag flag-offline">{t('robots.offlineCount', { count: offline })}</span>}
          {errors > 0 && <span className="flag flag-error">{t('robots.errorCount', { count: errors })}</span>}
        </p>
      </div>
      {list.length === 0 ? (
        <p className="empty">{t('robots.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="robots-table">
            <thead>
              <tr>
                <th scope="col">{t('robots.name')}</th>
                <th scope="col">{t('robots.model')}</th>
                <th scope="col">{t('robots.state')}</th>
                <th scope="col">{t('robots.battery')}</th>
                <th scope="col">{t('robots.floor')}</th>
                <th scope="col">{t('robots.task')}</th>
                <th scope="col">{t('robots.lastSeen')}</th>
                <th scope="col">{t('robots.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((robot) => (
                <RobotRow key={robot.id} robot={robot} task={robot.currentTaskId ? tasks.get(robot.currentTaskId) : undefined} now={now} onShowOnMap={onShowOnMap} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const RobotRow = memo(function RobotRow({ robot, task, now, onShowOnMap }: { robot: Robot; task?: Task; now: number; onShowOnMap: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { facility } = useApp();
  const floor = robotFloor(robot, facility);
  const fatal = robot.errors.filter((e) => e.level === 'FATAL' || e.level === 'WARNING');
  return (
    <tr className={`robot-row state-${robot.state}${robot.inService ? '' : ' out-of-service'}`} data-robot-row={robot.id}>
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onShowOnMap(robot.id)} aria-label={t('robots.showOnMap', { name: robot.name })}>
          <Icon name="map" size={18} /> {robot.name}
        </button>
        {robot.serialNumber !== robot.name && <span className="muted">{robot.serialNumber}</span>}
      </th>
      <td>{robot.model ? modelName(t, robot.model) : t('common.dash')}</td>
      <td>
        <StateBadge state={robot.state} />
        {robot.paused && <span className="flag flag-paused">{t('robots.paused')}</span>}
        {!robot.inService && <span className="flag flag-out">{t('robots.outOfService')}</span>}
        {safetyStopped(robot) && <span className="flag flag-out">{t('robots.safetyStop')}</span>}
        {takesNoOrders(robot) && <span className="flag flag-out">{t('robots.modeNoJobs', { mode: t(`robots.modes.${robot.operatingMode}`) })}</span>}
        {fatal.length > 0 && <span className="robot-errors">{t('robots.errors', { errors: fatal.map((e) => e.description ?? e.type).join(', ') })}</span>}
      </td>
      <td>
        <BatteryMeter level={robot.battery} charging={robot.charging} />
      </td>
      <td>{floor ? (facility.floor(floor)?.name ?? floor) : t('common.dash')}</td>
      <td>{task ? taskTitle(t, task, facility) : t('robots.noTask')}</td>
      <td>{robot.lastSeenAt ? formatAgo(robot.lastSeenAt, now, i18n.language) : t('robots.never')}</td>
      <td>
        <RobotActions robot={robot} />
      </td>
    </tr>
  );
});
