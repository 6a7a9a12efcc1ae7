import type { SimFleet } from '../fleet/sim-fleet';

/**
 * Commands a chaos test sends a running simulator, one a line, on its stdin (`--control stdin`):
 *
 *   drop SERIAL SECONDS   cut that robot's network link for SECONDS of sim time (the broker sends its last will,
 *                         CONNECTIONBROKEN; mqtt.js reconnects once the outage is over)
 *   reject SERIAL         that robot rejects the next order it could take (orderError)
 *   fail SERIAL           that robot's next action ends FAILED
 *
 * Blank lines and lines starting with `#` are ignored; anything else is answered with an error line on stderr.
 */
export type ControlCommand =
  | { readonly kind: 'drop'; readonly serialNumber: string; readonly seconds: number }
  | { readonly kind: 'reject'; readonly serialNumber: string }
  | { readonly kind: 'fail'; readonly serialNumber: string };

export type ControlParse = { readonly kind: 'command'; readonly command: ControlCommand } | { readonly kind: 'none' } | { readonly kind: 'error'; readonly message: string };

const MAX_DROP_S = 7 * 24 * 3600;

export function parseControlLine(line: string): ControlParse {
  const words = line.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0 || words[0].startsWith('#')) return { kind: 'none' };
  const [verb, serialNumber, ...rest] = words;
  if (!serialNumber) return { kind: 'error', message: `"${verb}" needs a robot serial number` };
  switch (verb) {
    case 'drop': {
      const seconds = Number(rest[0]);
      if (rest.length !== 1 || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_DROP_S) {
        return { kind: 'error', message: `drop takes SERIAL SECONDS (0 < SECONDS ≤ ${MAX_DROP_S}), got "${line.trim()}"` };
      }
      return { kind: 'command', command: { kind: 'drop', serialNumber, seconds } };
    }
    case 'reject':
    case 'fail':
      if (rest.length > 0) return { kind: 'error', message: `${verb} takes only SERIAL, got "${line.trim()}"` };
      return { kind: 'command', command: { kind: verb, serialNumber } };
    default:
      return { kind: 'error', message: `unknown command "${verb}" (drop, reject, fail)` };
  }
}

/** Applies a command to the fleet; throws when no robot has that serial number. Answers a line for the log. */
export function applyControl(fleet: SimFleet, command: ControlCommand): string {
  const vehicle = fleet.vehicle(command.serialNumber);
  switch (command.kind) {
    case 'drop':
      vehicle.dropConnection(command.seconds * 1000);
      return `control: ${command.serialNumber} drops its link for ${command.seconds} s (sim time)`;
    case 'reject':
      vehicle.faults.rejectNextOrder();
      return `control: ${command.serialNumber} rejects its next order`;
    case 'fail':
      vehicle.faults.failNextAction();
      return `control: ${command.serialNumber} fails its next action`;
  }
}
