import { memo, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Robot } from '../api/contract';
import { useApp } from '../app/app-context';
import { useLive } from '../state/use-live';
import { BatteryMeter, StateBadge } from '../ui/badges';
import { robotFloor } from './floor-geometry';
import { FloorMap } from './floor-map';
import { FloorTabs } from './floor-tabs';

interface MapViewProps {
  readonly floorId: string;
  readonly onFloorChange: (floorId: string) => void;
  readonly selectedRobotId?: string;
  readonly onSelectRobot: (id: string | undefined) => void;
}

const byName = (a: Robot, b: Robot) => a.name.localeCompare(b.name, undefined, { numeric: true });

/** The live building map with the fleet beside it; picking a robot shows its route and jumps to its floor. */
export function MapView({ floorId, onFloorChange, selectedRobotId, onSelectRobot }: MapViewProps) {
  const { t } = useTranslation();
  const { facility } = useApp();
  const robots = useLive((s) => s.robots);
  const list = [...robots.values()].sort(byName);
  const robotsByFloor = new Map<string, number>();
  for (const robot of list) {
    const floor = robotFloor(robot, facility);
    if (floor) robotsByFloor.set(floor, (robotsByFloor.get(floor) ?? 0) + 1);
  }
  const selected = selectedRobotId ? robots.get(selectedRobotId) : undefined;
  const selectedFloor = selected ? robotFloor(selected, facility) : undefined;

  // Kept in a ref so `select` stays the same function and memoised markers and chips do not re-render for it.
  const latest = useRef({ robots, floorId, selectedRobotId, onSelectRobot, onFloorChange });
  latest.current = { robots, floorId, selectedRobotId, onSelectRobot, onFloorChange };
  const select = useCallback(
    (id: string) => {
      const now = latest.current;
      if (id === now.selectedRobotId) {
        now.onSelectRobot(undefined);
        return;
      }
      now.onSelectRobot(id);
      const robot = now.robots.get(id);
      const floor = robot ? robotFloor(robot, facility) : undefined;
      if (floor && floor !== now.floorId) now.onFloorChange(floor);
    },
    [facility],
  );

  return (
    <section className="map-view" aria-labelledby="map-title">
      <div className="map-main">
        <div className="view-header">
          <h2 id="map-title">{t('map.title')}</h2>
          <FloorTabs floors={facility.floors} current={floorId} robotsByFloor={robotsByFloor} onChange={onFloorChange} />
        </div>
        <div className="map-frame" role="tabpanel" aria-label={facility.floor(floorId)?.name}>
          <FloorMap floorId={floorId} selectedRobotId={selectedRobotId} onSelectRobot={select} />
        </div>
        <p className="map-hint" aria-live="polite">
          {selected
            ? selectedFloor && selectedFloor !== floorId
              ? t('map.onOtherFloor', { name: selected.name, floor: facility.floor(selectedFloor)?.name ?? selectedFloor })
              : t('map.selected', { name: selected.name })
            : t('map.selectHint')}
          {selected && (
            <button type="button" className="button button-small" onClick={() => onSelectRobot(undefined)}>
              {t('map.clearSelection')}
            </button>
          )}
        </p>
        <MapLegend />
      </div>
      <aside className="map-side" aria-label={t('robots.title')}>
        <ul className="robot-chips">
          {list.map((robot) => {
            const floor = robotFloor(robot, facility);
            return (
              <li key={robot.id}>
                <RobotChip robot={robot} floorName={floor ? (facility.floor(floor)?.name ?? floor) : undefined} selected={robot.id === selectedRobotId} onSelect={select} />
              </li>
            );
          })}
        </ul>
      </aside>
    </section>
  );
}

const RobotChip = memo(function RobotChip({ robot, floorName, selected, onSelect }: { robot: Robot; floorName?: string; selected: boolean; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`robot-chip state-${robot.state}${selected ? ' selected' : ''}`}
      aria-pressed={selected}
      onClick={() => onSelect(robot.id)}
      data-robot-chip={robot.id}
    >
      <span className="robot-chip-name">{robot.name}</span>
      <StateBadge state={robot.state} />
      <BatteryMeter level={robot.battery} charging={robot.charging} />
      <span className="robot-chip-floor">{floorName ?? t('common.dash')}</span>
      {(robot.paused || !robot.inService) && (
        <span className="robot-chip-flags">
          {robot.paused && <span className="flag flag-paused">{t('robots.paused')}</span>}
          {!robot.inService && <span className="flag flag-out">{t('robots.outOfService')}</span>}
        </span>
      )}
    </button>
  );
});

function MapLegend() {
  const { t } = useTranslation();
  return (
    <ul className="map-legend" aria-label={t('map.legend')}>
      <li>
        <span className="legend-swatch legend-room" aria-hidden="true" />
        {t('map.legendRoom')}
      </li>
      <li>
        <span className="legend-swatch legend-service" aria-hidden="true" />
        {t('map.legendService')}
      </li>
      <li>
        <span className="legend-swatch legend-elevator" aria-hidden="true" />
        {t('map.legendElevator')}
      </li>
      <li>
        <span className="legend-swatch legend-charger" aria-hidden="true" />
        {t('map.legendCharger')}
      </li>
      {(['idle', 'moving', 'working', 'charging', 'error', 'offline'] as const).map((state) => (
        <li key={state}>
          <span className={`legend-swatch legend-robot state-${state}`} aria-hidden="true" />
          {t(`robotState.${state}`)}
        </li>
      ))}
    </ul>
  );
}
