import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, tcpReachable } from '../e2e/support/free-port';
import { ChildProgram, until } from './child-process';
import type { SoakOptions } from './soak-options';

/** The repository root, from the sources (jest) or from their build in dist/ (npm run soak). */
export const ROOT = repositoryRoot(__dirname);

function repositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}
const BUILT = (path: string) => join(ROOT, 'dist', path);

export interface Health {
  readonly status: string;
  readonly broker: { up: boolean; rejectedMessages: Record<string, number>; droppedMessages: Record<string, number> };
  readonly http: { refusedRequests: Record<string, number> };
  readonly process: { rssBytes: number; heapUsedBytes: number; uptimeS: number };
}

export interface MqttLogin {
  readonly username: string;
  readonly password: string;
}

/** The MQTT passwords of one soak, made for the run (the broker checks them; a Mosquitto of its own ignores them). */
function soakPasswords(): { MQTT_MASTER_PASSWORD: string; MQTT_VEHICLE_PASSWORD: string; MQTT_MONITOR_PASSWORD: string } {
  const make = () => randomBytes(18).toString('base64url');
  return { MQTT_MASTER_PASSWORD: make(), MQTT_VEHICLE_PASSWORD: make(), MQTT_MONITOR_PASSWORD: make() };
}

/** The three programs of the soak, each its own process, on loopback ports picked once (restarts reuse them). */
export class SoakWorld {
  readonly broker: ChildProgram;
  readonly api: ChildProgram;
  readonly sim: ChildProgram;
  private readonly passwords = soakPasswords();

  private constructor(
    readonly dir: string,
    readonly httpPort: number,
    readonly brokerPort: number,
    readonly maxMessageBytes: number,
    options: SoakOptions,
    graceMs: number,
  ) {
    const env = { ...process.env };
    const { MQTT_MASTER_PASSWORD, MQTT_VEHICLE_PASSWORD } = this.passwords;
    this.broker =
      options.broker === 'mosquitto'
        ? new ChildProgram('mosquitto', 'mosquitto', ['-p', String(brokerPort)], env, join(dir, 'broker.log'), ROOT)
        : new ChildProgram('broker', process.execPath, [BUILT('apps/api/src/broker/broker.main.js'), '--port', String(brokerPort), '--host', '127.0.0.1'], { ...env, ...this.passwords }, join(dir, 'broker.log'), ROOT);
    this.api = new ChildProgram('api', process.execPath, [BUILT('apps/api/src/main.js')], { ...env, ...apiEnvironment(this, options, graceMs), MQTT_MASTER_PASSWORD }, join(dir, 'api.log'), ROOT);
    this.sim = new ChildProgram('robot-sim', process.execPath, [BUILT('robot-sim/src/cli.js'), ...simArguments(this, options)], { ...env, MQTT_VEHICLE_PASSWORD }, join(dir, 'sim.log'), ROOT, true);
  }

  static async create(dir: string, options: SoakOptions): Promise<SoakWorld> {
    for (const file of ['apps/api/src/main.js', 'apps/api/src/broker/broker.main.js', 'robot-sim/src/cli.js']) {
      if (!existsSync(BUILT(file))) throw new Error(`dist/${file} is missing: build first (npm run build)`);
    }
    // A robot is given up only after it has been out of contact longer than any drop the soak makes plus mqtt.js's
    // reconnect backoff (up to 8 s of wall time, long in simulated time at ×60). A robot cut off longer goes on with its
    // order offline, as VDA 5050 vehicles do, and giving its task to another robot then may do it twice: the trade-off
    // a grace period sets, which the robot-loss tests cover rather than this soak.
    const graceMs = Math.max(Math.round((600 / options.timeScale) * 1000), Math.round((options.dropSpanS[1] / options.timeScale) * 1000) + 13_000);
    return new SoakWorld(dir, await freePort(), await freePort(), 64 * 1024, options, graceMs);
  }

  get brokerUrl(): string {
    return `mqtt://127.0.0.1:${this.brokerPort}`;
  }

  /** The read-only login of the soak's wire observer. */
  get monitorLogin(): MqttLogin {
    return { username: 'monitor', password: this.passwords.MQTT_MONITOR_PASSWORD };
  }

  /** A robot's own login: the soak's garbage goes out on each robot's topics as that robot. */
  vehicleLogin(manufacturer: string, serialNumber: string): MqttLogin {
    return { username: `${manufacturer}/${serialNumber}`, password: this.passwords.MQTT_VEHICLE_PASSWORD };
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get dbPath(): string {
    return join(this.dir, 'opiekun.sqlite');
  }

  async health(): Promise<Health | undefined> {
    const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    if (!response) return undefined;
    return (await response.json()) as Health;
  }

  /** Starts (or restarts) the api and waits until it answers and has its broker. */
  async startApi(): Promise<void> {
    this.api.start();
    await until('the api to be healthy', async () => ((await this.health())?.status === 'ok' ? true : undefined), 30_000, 100).catch((error: Error) => {
      throw new Error(`${error.message}\n${this.api.recentOutput}`);
    });
  }

  async startBroker(): Promise<void> {
    this.broker.start();
    await until('the broker to listen', async () => ((await tcpReachable('127.0.0.1', this.brokerPort)) ? true : undefined), 10_000, 50);
  }

  async close(): Promise<void> {
    for (const program of [this.sim, this.api, this.broker]) await program.close();
  }
}

function apiEnvironment(world: SoakWorld, options: SoakOptions, graceMs: number): Record<string, string> {
  return {
    PORT: String(world.httpPort),
    HOST: '127.0.0.1',
    MQTT_URL: world.brokerUrl,
    DB_PATH: world.dbPath,
    FACILITY_FILE: facilityFile(options),
    SCENARIO_FILE: scenarioFile(options),
    SIM_ROBOTS: '0',
    CARE_FILE: 'none',
    LOG_LEVEL: 'log',
    // Robots publish state at least every 5 s of simulated time: a few wall seconds of silence is a long time.
    ROBOT_SILENCE_MS: String(Math.max(1_000, Math.round((180 / options.timeScale) * 1000))),
    ROBOT_LOST_GRACE_MS: String(graceMs),
    ORDER_RESEND_MS: '1000',
    MQTT_MAX_MESSAGE_KB: String(world.maxMessageBytes / 1024),
  };
}

export function facilityFile(options: SoakOptions): string {
  return options.facilityFile ?? join(ROOT, 'assets/facilities/mco-demo.json');
}

export function scenarioFile(options: SoakOptions): string {
  return options.scenarioFile ?? join(ROOT, 'assets/scenarios/demo-day.json');
}

function simArguments(world: SoakWorld, options: SoakOptions): string[] {
  return [
    '--facility', facilityFile(options),
    '--scenario', scenarioFile(options),
    '--broker', world.brokerUrl,
    '--time-scale', String(options.timeScale),
    '--seed', String(options.seed),
    '--visualization-ms', '0',
    '--reject-orders', String(options.rejectOrders),
    '--fail-actions', String(options.failActions),
    // Robot disconnects come from the soak's fault plan, as `drop SERIAL SECONDS` commands (robot-sim README).
    '--control', 'stdin',
  ];
}
