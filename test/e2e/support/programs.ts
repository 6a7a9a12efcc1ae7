import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { parseTopic, type Topic } from '@opiekun/vda5050';
import { tcpReachable } from './free-port';
import { E2E_MONITOR_LOGIN, E2E_MQTT_ENV } from './mqtt-logins';

const ROOT = resolve(__dirname, '../../..');

/**
 * A program of the system as a real child process of its own (the standalone broker, a private Mosquitto, the
 * simulator), so the test can kill or stop it independently of the others. Keeps its output for failure messages.
 */
export class Program {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get logs(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): this {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawn(this.command, [...this.args], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.child = child;
    return this;
  }

  /** Sends `signal` and waits for the exit (SIGKILL after 10 s); resolves with the exit code, or the signal's name. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    const exited = new Promise<number | string | null>((r) => child.once('exit', (code, sig) => r(code ?? sig)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  }
}

/** The api's aedes broker as its own process (`npm run broker`), on a loopback port; resolves once it accepts connections. */
export async function standaloneBroker(port: number): Promise<Program> {
  const broker = new Program('broker', process.execPath, [join(ROOT, 'dist/apps/api/src/broker/broker.main.js'), '--port', String(port), '--host', '127.0.0.1'], { ...process.env, ...E2E_MQTT_ENV }).start();
  await until(`the broker on ${port}`, () => tcpReachable('127.0.0.1', port), 10_000);
  return broker;
}

/** A private Mosquitto on a loopback port (never the machine's own on 1883), verbose so its log shows how clients leave. */
export async function privateMosquitto(port: number): Promise<Program> {
  const broker = new Program('mosquitto', 'mosquitto', ['-p', String(port), '-v']).start();
  await until(`mosquitto on ${port}`, () => tcpReachable('127.0.0.1', port), 10_000);
  return broker;
}

/** The simulator CLI as its own process, its robots logging in with the e2e vehicle password. */
export function simulator(brokerUrl: string, robots: number, timeScale: number, extra: string[] = []): Program {
  return new Program('robot-sim', process.execPath, [
    join(ROOT, 'dist/robot-sim/src/cli.js'), '--robots', String(robots), '--broker', brokerUrl, '--time-scale', String(timeScale), '--visualization-ms', '0', ...extra,
  ], { ...process.env, MQTT_VEHICLE_PASSWORD: E2E_MQTT_ENV.MQTT_VEHICLE_PASSWORD }).start();
}

export async function until(what: string, test: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Captured {
  readonly seq: number;
  readonly topic: string;
  readonly subtopic: Topic;
  readonly serialNumber: string;
  readonly payload: Record<string, unknown>;
}

/**
 * A wire capture that outlives a broker restart: it reconnects and subscribes again (the broker forgets it), so the
 * test sees what went over the wire before, during and after an outage. `seq` orders messages as received. It logs in
 * as the monitor (read-only).
 */
export class LastingCapture {
  readonly messages: Captured[] = [];

  private constructor(private readonly client: MqttClient) {}

  static async start(url: string): Promise<LastingCapture> {
    const client = await connectAsync(url, { reconnectPeriod: 250, connectTimeout: 2_000, resubscribe: true, clean: true, ...E2E_MONITOR_LOGIN });
    const capture = new LastingCapture(client);
    client.on('message', (topic, raw) => capture.record(topic, raw));
    // After a broker restart the session is gone: subscribe again on every connect.
    client.on('connect', () => void client.subscribeAsync('uagv/#', { qos: 0 }).catch(() => undefined));
    await client.subscribeAsync('uagv/#', { qos: 0 });
    return capture;
  }

  get size(): number {
    return this.messages.length;
  }

  of(subtopic: Topic, from = 0): Captured[] {
    return this.messages.filter((m) => m.subtopic === subtopic && m.seq >= from);
  }

  async stop(): Promise<void> {
    await this.client.endAsync(true);
  }

  private record(topic: string, raw: Buffer): void {
    const parsed = parseTopic(topic);
    if (!parsed || raw.length === 0) return;
    try {
      const payload = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      this.messages.push({ seq: this.messages.length, topic, subtopic: parsed.topic, serialNumber: parsed.serialNumber, payload });
    } catch {
      // Not ours to judge here.
    }
  }
}
