import { parseArgs } from 'node:util';

export interface SoakOptions {
  /** Simulated hours of the demo shift to run (the scenario has 8). */
  readonly hours: number;
  readonly seed: number;
  /** Simulated seconds per wall second, for the simulator and the shift's clock. */
  readonly timeScale: number;
  /** `aedes`: our standalone broker process (no install needed); `mosquitto`: Mosquitto on a free port. */
  readonly broker: 'aedes' | 'mosquitto';
  /** kill -9 of the api, each followed by a restart on the same database (at least 3). */
  readonly apiKills: number;
  /** Broker restarts (the process killed and started again on the same port). */
  readonly brokerRestarts: number;
  /** Malformed MQTT messages sent to the api over the run. */
  readonly garbage: number;
  /** Share of the time robots spend disconnected (random drops of random length). */
  readonly offlineShare: number;
  /** Span of a drop, simulated seconds. */
  readonly dropSpanS: readonly [number, number];
  readonly rejectOrders: number;
  readonly failActions: number;
  /** Share of tasks staff cancel some minutes after raising them. */
  readonly cancelShare: number;
  /** Where logs and the database go; a temp folder when not given. */
  readonly workDir?: string;
  /** Keep the work folder afterwards (always kept when a check fails). */
  readonly keep: boolean;
}

/** The full shift takes `hours` × 3600 / `timeScale` wall seconds: 8 hours at ×60 is 8 minutes. */
export const SOAK_DEFAULTS: SoakOptions = {
  hours: 1,
  seed: 1,
  timeScale: 60,
  broker: 'aedes',
  apiKills: 3,
  brokerRestarts: 2,
  garbage: 1_000,
  offlineShare: 0.1,
  dropSpanS: [20, 900],
  rejectOrders: 0.03,
  failActions: 0.02,
  cancelShare: 0.03,
  keep: false,
};

export const SOAK_USAGE = `Usage: npm run soak -- [--hours H] [--seed S] [--time-scale X] [--broker aedes|mosquitto]
                     [--api-kills N] [--broker-restarts N] [--garbage N] [--work-dir DIR] [--keep]

Runs the api, an MQTT broker and the simulator as separate processes through H hours of the demo shift (default 1)
at X× (default 60) while it kills the api (kill -9) and restarts it, restarts the broker, cuts robots off, makes
them refuse orders and fail actions, and sends malformed messages; then checks from the database and the MQTT
traffic that nothing was lost or done twice and prints the figures. Exit code 0 when every check passes.`;

export function parseSoakArgs(argv: readonly string[]): SoakOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      hours: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      broker: { type: 'string' },
      'api-kills': { type: 'string' },
      'broker-restarts': { type: 'string' },
      garbage: { type: 'string' },
      'work-dir': { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const number = (flag: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${flag} must be a number from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  const broker = values.broker ?? SOAK_DEFAULTS.broker;
  if (broker !== 'aedes' && broker !== 'mosquitto') throw new Error(`--broker must be aedes or mosquitto, got "${broker}"`);
  return {
    ...SOAK_DEFAULTS,
    hours: number('hours', values.hours, SOAK_DEFAULTS.hours, 0.1, 8),
    seed: Math.floor(number('seed', values.seed, SOAK_DEFAULTS.seed, 0, 2 ** 31)),
    timeScale: number('time-scale', values['time-scale'], SOAK_DEFAULTS.timeScale, 1, 1_000),
    broker,
    apiKills: Math.floor(number('api-kills', values['api-kills'], SOAK_DEFAULTS.apiKills, 3, 1_000)),
    brokerRestarts: Math.floor(number('broker-restarts', values['broker-restarts'], SOAK_DEFAULTS.brokerRestarts, 1, 1_000)),
    garbage: Math.floor(number('garbage', values.garbage, SOAK_DEFAULTS.garbage, 0, 1_000_000)),
    workDir: values['work-dir'],
    keep: values.keep ?? false,
  };
}
