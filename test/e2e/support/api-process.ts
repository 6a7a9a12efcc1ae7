import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { writeDemoFacility } from '../../fixtures/demo-facility';
import { E2E_MQTT_ENV } from './mqtt-logins';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');

export interface ApiProcessOptions {
  /**
   * Extra environment: SIM_ROBOTS, SIM_TIME_SCALE, MQTT_URL, FACILITY_FILE… (by default the demo building without its
   * quiet hours, test/fixtures/demo-facility.ts: the tests pass whatever the hour)
   */
  readonly env?: Record<string, string>;
  /** Reuse a database (restart tests); a fresh temp file otherwise. */
  readonly dbPath?: string;
  readonly startTimeoutMs?: number;
}

/**
 * The built api (`npm run build` first) as a real child process on free loopback ports, with its own SQLite file.
 * `stop()` ends it (and the simulator it forked) and removes the temp directory it made.
 */
export class ApiProcess {
  private child?: ChildProcess;
  private output = '';
  private tempDir?: string;

  private constructor(
    readonly port: number,
    readonly mqttPort: number,
    readonly dbPath: string,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logs(): string {
    return this.output;
  }

  static async start(options: ApiProcessOptions = {}): Promise<ApiProcess> {
    const tempDir = options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'opiekun-e2e-'));
    const dbPath = options.dbPath ?? join(tempDir as string, 'opiekun.sqlite');
    const api = new ApiProcess(await freePort(), await freePort(), dbPath);
    api.tempDir = tempDir;
    await api.launch(options);
    return api;
  }

  get brokerUrl(): string {
    return `mqtt://127.0.0.1:${this.mqttPort}`;
  }

  private async launch(options: ApiProcessOptions): Promise<void> {
    const env = {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      MQTT_PORT: String(this.mqttPort),
      MQTT_HOST: '127.0.0.1',
      DB_PATH: this.dbPath,
      SIM_ROBOTS: '0',
      LOG_LEVEL: 'warn',
      FACILITY_FILE: writeDemoFacility(this.facilityDir()),
      ...E2E_MQTT_ENV,
      ...options.env,
    };
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await this.waitHealthy(options.startTimeoutMs ?? 20_000);
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`api exited during start:\n${this.output}`);
      const ok = await fetch(`${this.baseUrl}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`api not healthy within ${timeoutMs} ms:\n${this.output}`);
  }

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Graceful by default; `SIGKILL` for crash tests (the forked simulator then outlives it and is killed too). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    if (this.facilityTemp) rmSync(this.facilityTemp, { recursive: true, force: true });
  }

  private facilityTemp?: string;

  /** Where the building's file is written: a temp directory of its own (the database's may be a test's, reused). */
  private facilityDir(): string {
    this.facilityTemp ??= mkdtempSync(join(tmpdir(), 'opiekun-e2e-facility-'));
    return this.facilityTemp;
  }
}

/** Polls `probe` until it returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}
