import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Robot } from '../api/contract';
import { useApp } from '../app/app-context';
import { useLive } from '../state/use-live';
import { placeText } from '../tasks/task-title';
import { ICON_PATHS } from '../ui/icon-paths';
import { elevatorRide, layoutFloor, robotFloor, robotPoint, spreadOverlapping, toSvg } from './floor-geometry';
import { FloorPlan } from './floor-plan';
import { RobotMarker } from './robot-marker';
import { planRobotRoute, segmentsOnFloor } from './robot-route';

interface FloorMapProps {
  readonly floorId: string;
  readonly selectedRobotId?: string;
  readonly onSelectRobot: (id: string) => void;
}

const selectRobots = (s: { robots: ReadonlyMap<string, Robot> }) => s.robots;

export function FloorMap({ floorId, selectedRobotId, onSelectRobot }: FloorMapProps) {
  const { t } = useTranslation();
  const { facility, router } = useApp();
  const robots = useLive(selectRobots);
  const tasks = useLive((s) => s.tasks);
  const pickedUp = useLive((s) => s.pickedUp);
  const layout = useMemo(() => layoutFloor(facility, floorId), [facility, floorId]);
  const floor = facility.floor(floorId);

  const riding = new Map<string, string>();
  const busyElevators = new Map<string, string>();
  for (const robot of robots.values()) {
    const elevator = elevatorRide(robot, facility);
    if (!elevator) continue;
    riding.set(robot.id, elevator);
    busyElevators.set(elevator, busyElevators.has(elevator) ? `${busyElevators.get(elevator)}, ${robot.name}` : robot.name);
  }
  const busyKey = [...busyElevators.entries()].join(';');
  // Re-create the map only when the set of busy elevators changes, so the static plan stays memoised.
  const stableBusy = useMemo(() => new Map(busyElevators), [busyKey]);

  const selected = selectedRobotId ? robots.get(selectedRobotId) : undefined;
  const selectedTask = selected?.currentTaskId ? tasks.get(selected.currentTaskId) : undefined;
  const plan = selected ? planRobotRoute(selected, selectedTask, selectedTask ? pickedUp.has(selectedTask.id) : false, router) : undefined;
  const segments = plan ? segmentsOnFloor(plan, floorId, facility) : [];
  const destination = plan ? facility.node(plan.destination) : undefined;

  // The selected robot is drawn last, so it is never hidden under another one.
  const onFloor = [...robots.values()]
    .filter((r) => robotFloor(r, facility) === floorId)
    .sort((a, b) => Number(a.id === selectedRobotId) - Number(b.id === selectedRobotId));

  return (
    <svg
      className="floor-map"
      viewBox={layout.viewBox}
      preserveAspectRatio="xMidYMid meet"
      role="group"
      aria-label={t('map.description', { floor: floor?.name ?? floorId })}
      data-floor={floorId}
    >
      <FloorPlan facility={facility} floorId={floorId} layout={layout} busyElevators={stableBusy} />
      {segments.map((segment, i) => (
        <g key={i} className="route">
          {/* A robot waiting at the elevator has one point on this floor: no line to draw, only where it goes on to. */}
          {segment.points.length > 1 && <polyline points={segment.points.map((p) => `${p.x},${-p.y}`).join(' ')} />}
          {segment.continuesTo && segment.exitNode && (
            <text className="route-continues" {...toSvg(facility.node(segment.exitNode)!.x, facility.node(segment.exitNode)!.y + 1.8)}>
              {t('map.continues', { floor: facility.floor(segment.continuesTo)?.name ?? segment.continuesTo })}
            </text>
          )}
        </g>
      ))}
      {destination && destination.floor === floorId && (
        <g className="route-destination" transform={`translate(${destination.x} ${-destination.y - 1.6})`}>
          <title>{t('map.destination', { place: placeText(t, destination.id, facility) })}</title>
          <path d={ICON_PATHS.flag} transform="scale(0.12) translate(-5 -21)" />
        </g>
      )}
      <g className="robots">
        {spreadOverlapping(onFloor.flatMap((robot) => {
          const point = robotPoint(robot, facility);
          return point ? [{ id: robot.id, robot, ...point }] : [];
        })).map(({ robot, ...point }) => {
          const label = t('map.robotMarker', {
            name: robot.name,
            state: t(`robotState.${robot.state}`),
            battery: robot.battery === undefined ? t('map.batteryUnknown') : t('common.percent', { value: Math.round(robot.battery) }),
          });
          return (
            <RobotMarker
              key={robot.id}
              robot={robot}
              x={point.x}
              y={point.y}
              theta={point.theta}
              selected={robot.id === selectedRobotId}
              riding={riding.has(robot.id)}
              label={riding.has(robot.id) ? `${label} · ${t('map.inElevator')}` : label}
              onSelect={onSelectRobot}
            />
          );
        })}
      </g>
    </svg>
  );
}
