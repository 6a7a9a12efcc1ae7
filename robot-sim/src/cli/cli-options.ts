import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withoutUserInfo } from '@opiekun/vda5050';
import type { FaultConfig } from '../vehicle/fault-injector';
import type { VehicleLimits } from '../vehicle/vehicle-config';

export interface CliOptions {
  readonly robots: number | undefined;
  readonly brokerUrl: string;
  readonly timeScale: number;
  readonly facilityFile: string;
  readonly scenarioFile: string | undefined;
  readonly seed: number;
  readonly interfaceName: string;
  readonly visualizationMs: number;
  /** Simulated ms between state messages when nothing changed (VDA 5050 heartbeat). */
  readonly stateMs: number;
  /** Faults for every robot (chaos tests); empty when no fault flag is given. */
  readonly faults: FaultConfig;
  /** `stdin`: read control commands (cli/control-commands.ts) from standard input, one a line. */
  readonly control: 'stdin' | undefined;
  /** Order limits every robot declares in its factsheet and keeps (a vendor's vehicle); empty when none is given. */
  readonly limits: VehicleLimits;
  /** PEM file of the authorities to trust for an `mqtts://` broker besides Node's defaults (--ca, or MQTT_CA_FILE). */
  readonly caFile: string | undefined;
}

export type CliParse = { readonly kind: 'run'; readonly options: CliOptions } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

/** Shown for --help and after a bad flag. */
export const USAGE = `Usage: npm run sim -- [options]

  --robots N            simulate N robots on the facility's chargers (default 6)
  --scenario FILE       take the robots of a shift scenario; with --robots N its first N (more are generated)
  --facility FILE       facility map (default assets/facilities/mco-demo.json)
  --broker URL          MQTT broker (default SIM_BROKER_URL from the environment, else mqtt://127.0.0.1:1883)
  --time-scale X        simulated seconds per wall second, e.g. 1, 10, 60, 500 (default 1)
  --seed S              seed of the simulated faults (default 1)
  --interface NAME      first MQTT topic level (default uagv)
  --visualization-ms MS wall ms between visualization messages, 0 = off (default 1000)
  --state-ms MS         simulated ms between state messages when nothing changed (default 5000)
  --reject-orders P     chance (0–1) that a robot rejects an order it could take (orderError)
  --fail-actions P      chance (0–1) that an action ends FAILED
  --findings P          chance (0–1) that an action that ends well reports a fallDetected finding (information)
  --drops-per-hour N    random connection drops per robot and simulated hour (a broken link: last will, reconnect)
  --drop-s S[-S2]       how long a drop lasts, simulated seconds: S, or drawn between S and S2 (default 10)
  --max-order-nodes N   every robot declares it takes orders of at most N nodes (factsheet maxArrayLens order.nodes)
                        and rejects longer ones with a validationError, as a vendor's vehicle does
  --max-id-length N     the same for ids (orderId, nodeId, mapId, actionId, edgeId) of at most N characters (idLen)
  --ca FILE             PEM certificate(s) of the authority to trust for an mqtts:// broker whose certificate is the
                        site's own (default: MQTT_CA_FILE from the environment, else Node's default authorities)
  --control stdin       read commands from standard input, one a line: "drop SERIAL SECONDS" (cut its link for
                        SECONDS of sim time), "reject SERIAL" (its next order), "fail SERIAL" (its next action)
  --help                show this text

Environment: MQTT_VEHICLE_PASSWORD  each robot logs in as {manufacturer}/{serialNumber} with it (the api's broker
                                    checks it); unset: no login
             SIM_BROKER_URL         the broker when --broker is not given: a URL with a login (user:password@) is
                                    kept off the command line, which every user of the machine can read`;

const DEFAULT_ROBOTS = 6;
const MAX_ROBOTS = 10_000;
const BROKER_PROTOCOLS = ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'];

/** Parses and validates the command line; every problem names the flag it is about. */
export function parseCliOptions(argv: readonly string[], repoRoot: string, env: Readonly<Record<string, string | undefined>> = {}): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        robots: { type: 'string' },
        scenario: { type: 'string' },
        facility: { type: 'string' },
        broker: { type: 'string' },
        'time-scale': { type: 'string' },
        seed: { type: 'string' },
        interface: { type: 'string' },
        'visualization-ms': { type: 'string' },
        'state-ms': { type: 'string' },
        'reject-orders': { type: 'string' },
        'fail-actions': { type: 'string' },
        findings: { type: 'string' },
        'drops-per-hour': { type: 'string' },
        'drop-s': { type: 'string' },
        control: { type: 'string' },
        'max-order-nodes': { type: 'string' },
        'max-id-length': { type: 'string' },
        ca: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    return { kind: 'error', message: withoutLogins((error as Error).message, argv) };
  }
  if (values.help) return { kind: 'help' };
  try {
    return { kind: 'run', options: readOptions(values as Record<string, string | undefined>, repoRoot, env) };
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}

/** Node quotes an argument it refuses as given: a broker URL typed without --broker would show its login. */
function withoutLogins(message: string, argv: readonly string[]): string {
  return argv.reduce((shown, arg) => shown.replaceAll(arg, withoutUserInfo(arg)), message);
}

/** The line the simulator starts with; the broker without its login (--broker mqtt://user:password@host). */
export function startupLine(robots: number, options: Pick<CliOptions, 'facilityFile' | 'brokerUrl' | 'timeScale' | 'seed'>): string {
  return `${robots} robots on ${options.facilityFile}, broker ${withoutUserInfo(options.brokerUrl)}, time ×${options.timeScale}, seed ${options.seed}`;
}

function readOptions(values: Record<string, string | undefined>, repoRoot: string, env: Readonly<Record<string, string | undefined>>): CliOptions {
  const robots = values.robots !== undefined ? integerFlag('--robots', values.robots, 1, MAX_ROBOTS) : undefined;
  return {
    // With a scenario, --robots takes its first N robots (more are generated); without, N generated robots.
    robots: values.scenario === undefined ? (robots ?? DEFAULT_ROBOTS) : robots,
    brokerUrl: values.broker !== undefined ? brokerFlag(values.broker) : env.SIM_BROKER_URL ? brokerFlag(env.SIM_BROKER_URL, 'SIM_BROKER_URL') : 'mqtt://127.0.0.1:1883',
    timeScale: positiveFlag('--time-scale', values['time-scale'] ?? '1'),
    facilityFile: values.facility ?? join(repoRoot, 'assets/facilities/mco-demo.json'),
    scenarioFile: values.scenario,
    seed: integerFlag('--seed', values.seed ?? '1', 0, 0xffff_ffff),
    interfaceName: textFlag('--interface', values.interface ?? 'uagv'),
    visualizationMs: integerFlag('--visualization-ms', values['visualization-ms'] ?? '1000', 0, 3_600_000),
    stateMs: integerFlag('--state-ms', values['state-ms'] ?? '5000', 100, 3_600_000),
    faults: faultFlags(values),
    control: controlFlag(values.control),
    limits: {
      ...(values['max-order-nodes'] !== undefined ? { orderNodes: integerFlag('--max-order-nodes', values['max-order-nodes'], 2, 100_000) } : {}),
      ...(values['max-id-length'] !== undefined ? { idLength: integerFlag('--max-id-length', values['max-id-length'], 1, 100_000) } : {}),
    },
    caFile: values.ca ?? (env.MQTT_CA_FILE || undefined),
  };
}

function faultFlags(values: Record<string, string | undefined>): FaultConfig {
  const faults: { -readonly [K in keyof FaultConfig]: FaultConfig[K] } = {};
  if (values['reject-orders'] !== undefined) faults.rejectOrderProbability = probabilityFlag('--reject-orders', values['reject-orders']);
  if (values['fail-actions'] !== undefined) faults.failActionProbability = probabilityFlag('--fail-actions', values['fail-actions']);
  if (values.findings !== undefined) faults.findingProbability = probabilityFlag('--findings', values.findings);
  if (values['drops-per-hour'] !== undefined) faults.connectionDropsPerHour = rateFlag('--drops-per-hour', values['drops-per-hour']);
  if (values['drop-s'] !== undefined) {
    const [min, max] = spanFlag('--drop-s', values['drop-s']);
    faults.connectionDropMs = min * 1000;
    if (max !== undefined) faults.connectionDropMaxMs = max * 1000;
  }
  return faults;
}

function controlFlag(raw: string | undefined): 'stdin' | undefined {
  if (raw === undefined) return undefined;
  if (raw !== 'stdin') throw new Error(`--control must be "stdin", got "${raw}"`);
  return raw;
}

function probabilityFlag(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${flag} must be a probability from 0 to 1, got "${raw}"`);
  return value;
}

function rateFlag(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 3600) throw new Error(`${flag} must be a number from 0 to 3600, got "${raw}"`);
  return value;
}

function spanFlag(flag: string, raw: string): [number, number | undefined] {
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(raw.trim());
  const min = match ? Number(match[1]) : NaN;
  const max = match?.[2] === undefined ? undefined : Number(match[2]);
  if (!match || min <= 0 || (max !== undefined && max < min)) throw new Error(`${flag} must be seconds like 10 or 5-120, got "${raw}"`);
  return [min, max];
}

function integerFlag(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function positiveFlag(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new Error(`${flag} must be a number > 0, got "${raw}"`);
  return value;
}

/** The broker URL from `source` (the flag, or the environment variable it came from). */
function brokerFlag(raw: string, source = '--broker'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${source} must be a URL like mqtt://127.0.0.1:1883, got "${withoutUserInfo(raw)}"`);
  }
  if (!BROKER_PROTOCOLS.includes(url.protocol)) {
    throw new Error(`${source} must use one of ${BROKER_PROTOCOLS.join(' ')}, got "${url.protocol}"`);
  }
  return raw;
}

function textFlag(flag: string, raw: string): string {
  if (!/^[^/$+#\s]+$/.test(raw)) throw new Error(`${flag} must be one MQTT topic level (no / $ + # or spaces), got "${raw}"`);
  return raw;
}
