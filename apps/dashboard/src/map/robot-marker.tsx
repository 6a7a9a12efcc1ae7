import { memo } from 'react';
import type { Robot } from '../api/contract';

interface RobotMarkerProps {
  readonly robot: Robot;
  readonly x: number;
  readonly y: number;
  readonly theta: number;
  readonly selected: boolean;
  readonly riding: boolean;
  readonly label: string;
  readonly onSelect: (id: string) => void;
}

/** Short tag drawn on the map: the serial's trailing digits or the name's first letters. */
export function shortTag(robot: Robot): string {
  const digits = /(\d+)$/.exec(robot.serialNumber)?.[1];
  return digits ? digits.slice(-3) : robot.name.slice(0, 3);
}

/**
 * One robot on the map. Position moves by a CSS transform with a transition, so the marker glides between the few
 * updates a second the api sends; the browser animates it on the compositor, not in React.
 */
export const RobotMarker = memo(function RobotMarker({ robot, x, y, theta, selected, riding, label, onSelect }: RobotMarkerProps) {
  const battery = robot.battery === undefined ? undefined : Math.max(0, Math.min(100, robot.battery));
  const heading = (-theta * 180) / Math.PI;
  const classes = ['robot-marker', `state-${robot.state}`, selected ? 'selected' : '', robot.paused ? 'paused' : '', riding ? 'riding' : '', robot.inService ? '' : 'out-of-service'];
  return (
    <g
      className={classes.filter(Boolean).join(' ')}
      style={{ transform: `translate(${x}px, ${-y}px)` }}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      data-robot={robot.id}
      data-x={x.toFixed(2)}
      data-y={y.toFixed(2)}
      onClick={() => onSelect(robot.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(robot.id);
        }
      }}
    >
      <title>{label}</title>
      {selected && <circle className="robot-halo" r={2.1} />}
      <g className="robot-heading" style={{ transform: `rotate(${heading}deg)` }}>
        <path d="M1.9 0 L0.9 -0.7 L0.9 0.7 Z" />
      </g>
      <circle className="robot-body" r={1.15} />
      {robot.paused && <path className="robot-paused-icon" d="M-0.35 -0.5 V0.5 M0.35 -0.5 V0.5" />}
      {!robot.paused && (
        <text className="robot-tag" dy="0.35em">
          {shortTag(robot)}
        </text>
      )}
      {battery !== undefined && (
        <g className={battery < 20 ? 'robot-battery low' : 'robot-battery'} transform="translate(-1.2 -2.1)">
          <rect className="robot-battery-frame" width={2.4} height={0.5} rx={0.1} />
          <rect className="robot-battery-fill" width={(2.4 * battery) / 100} height={0.5} rx={0.1} />
        </g>
      )}
    </g>
  );
});
