import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** What one chaos soak does (README, "Chaos soak"). */
export interface SoakOptions {
  /** Simulated hours of the shift to replay, from its start. */
  readonly hours: number;
  /** Seeds the fault plan, the malformed messages, the cancellations and the simulator's own faults. */
  readonly seed: number;
  /** Absolute paths; undefined: the demo building and its day shift. */
  readonly facilityFile?: string;
  readonly scenarioFile?: string;
  /** Simulated seconds per wall second (the simulator's clock; the api runs on wall time). */
  readonly timeScale: number;
  /** SIGKILLs of the api, each followed by a restart. */
  readonly apiKills: number;
  /** Kills and restarts of the broker process. */
  readonly brokerRestarts: number;
  /** The standalone aedes broker (`npm run broker`) or a Mosquitto of its own on a free port. */
  readonly broker: 'aedes' | 'mosquitto';
  /** Robot disconnects; each takes `dropShare` of the fleet (at least one robot) off the network. */
  readonly robotDrops: number;
  readonly dropShare: number;
  /** How long a disconnect lasts, simulated seconds, drawn between the two. */
  readonly dropSpanS: readonly [number, number];
  /** Malformed messages sent on the robots' topics. */
  readonly garbage: number;
  /** Chances given to the simulator: a robot rejects an order, an action ends FAILED. */
  readonly rejectOrders: number;
  readonly failActions: number;
  /** Share of the tasks staff cancel a few simulated minutes after raising them. */
  readonly cancelShare: number;
  /** Wall seconds allowed after the shift for the fleet to finish its work. */
  readonly drainS: number;
  /** Where the database, logs and figures go (kept); a temp folder, removed after a passing run, otherwise. */
  readonly workDir?: string;
  /** Keep the temp folder even when the soak passes. */
  readonly keep: boolean;
}

export const SOAK_USAGE = `Usage: npm run soak -- [options]

  --hours H             simulated hours of the shift (default 8)
  --seed S              seed of every fault, of the malformed messages and of the simulator (default 1)
  --facility FILE       facility map (default assets/facilities/mco-demo.json without its quiet hours)
  --scenario FILE       shift scenario, its robots and jobs (default assets/scenarios/demo-day.json)
  --time-scale X        simulated seconds per wall second (default 60)
  --api-kills N         kill -9 and restart the api N times (default 3 + H/2, at least 3)
  --broker-restarts N   kill and restart the broker N times (default 1 + H/4)
  --broker aedes|mosquitto  the broker process: the api's own aedes (default) or a mosquitto binary
  --robot-drops N       disconnects of 10 % of the fleet for random spans (default 3 per hour, at least 3)
  --drop-s S1-S2        how long a disconnect lasts, simulated seconds (default 30-900)
  --garbage N           malformed messages on the robots' topics (default 1000)
  --reject-orders P     chance a robot rejects an order it could take (default 0.04)
  --fail-actions P      chance an action ends FAILED (default 0.02)
  --cancel-share P      share of tasks staff cancel soon after raising them (default 0.03)
  --drain-s S           wall seconds after the shift for every task to end (default 180)
  --dir DIR             keep the database, logs and figures in DIR
  --keep                keep the temp folder even when the soak passes
  --help                show this text`;

/** The options of a soak of `hours`; the same defaults as the command line. */
export function soakOptions(hours: number, overrides: Partial<SoakOptions> = {}): SoakOptions {
  return {
    hours,
    seed: 1,
    timeScale: 60,
    apiKills: Math.max(3, Math.round(3 + hours / 2)),
    brokerRestarts: Math.max(1, Math.round(1 + hours / 4)),
    broker: 'aedes',
    robotDrops: Math.max(3, Math.round(3 * hours)),
    dropShare: 0.1,
    dropSpanS: [30, 900],
    garbage: 1000,
    rejectOrders: 0.04,
    failActions: 0.02,
    cancelShare: 0.03,
    drainS: 180,
    keep: false,
    ...overrides,
  };
}

const STRING_FLAGS = [
  'hours', 'seed', 'facility', 'scenario', 'time-scale', 'api-kills', 'broker-restarts', 'broker', 'robot-drops', 'drop-s',
  'garbage', 'reject-orders', 'fail-actions', 'cancel-share', 'drain-s', 'dir',
] as const;

/** Parses the command line; 'help' for --help; throws naming the flag on bad input. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' as const }])),
      keep: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const v = values as Record<string, string | undefined>;
  const hours = number('--hours', v.hours ?? '8', 0.05, 24);
  const base = soakOptions(hours);
  const file = (flag: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    const path = resolve(raw);
    if (!existsSync(path)) throw new Error(`${flag}: no such file ${path}`);
    return path;
  };
  const broker = v.broker ?? 'aedes';
  if (broker !== 'aedes' && broker !== 'mosquitto') throw new Error(`--broker must be aedes or mosquitto, got "${broker}"`);
  return soakOptions(hours, {
    seed: integer('--seed', v.seed ?? '1', 0, 0xffff_ffff),
    facilityFile: file('--facility', v.facility),
    scenarioFile: file('--scenario', v.scenario),
    timeScale: number('--time-scale', v['time-scale'] ?? String(base.timeScale), 1, 1000),
    apiKills: integer('--api-kills', v['api-kills'] ?? String(base.apiKills), 0, 100),
    brokerRestarts: integer('--broker-restarts', v['broker-restarts'] ?? String(base.brokerRestarts), 0, 100),
    broker,
    robotDrops: integer('--robot-drops', v['robot-drops'] ?? String(base.robotDrops), 0, 1000),
    dropSpanS: span('--drop-s', v['drop-s'] ?? `${base.dropSpanS[0]}-${base.dropSpanS[1]}`),
    garbage: integer('--garbage', v.garbage ?? String(base.garbage), 0, 100_000),
    rejectOrders: number('--reject-orders', v['reject-orders'] ?? String(base.rejectOrders), 0, 1),
    failActions: number('--fail-actions', v['fail-actions'] ?? String(base.failActions), 0, 1),
    cancelShare: number('--cancel-share', v['cancel-share'] ?? String(base.cancelShare), 0, 1),
    drainS: number('--drain-s', v['drain-s'] ?? String(base.drainS), 10, 3600),
    workDir: v.dir ? resolve(v.dir) : undefined,
    keep: values.keep === true,
  });
}

function number(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) throw new Error(`${flag} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const value = number(flag, raw, min, max);
  if (!Number.isInteger(value)) throw new Error(`${flag} must be a whole number, got "${raw}"`);
  return value;
}

function span(flag: string, raw: string): [number, number] {
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(raw.trim());
  const [min, max] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || min <= 0 || max < min) throw new Error(`${flag} must be simulated seconds like 30-900, got "${raw}"`);
  return [min, max];
}
