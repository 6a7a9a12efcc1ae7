import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';

export interface SimulatorOptions {
  readonly robots: number;
  /** Handed over in the environment (SIM_BROKER_URL), not on the command line: it may carry a login. */
  readonly brokerUrl: string;
  readonly timeScale: number;
  readonly facilityFile: string;
  readonly scenarioFile?: string;
  /** VDA 5050 topic prefix (MQTT_INTERFACE_NAME). */
  readonly interfaceName?: string;
  /** The vehicles' MQTT password; handed over in the environment (MQTT_VEHICLE_PASSWORD), never on the command line. */
  readonly vehiclePassword?: string;
}

/**
 * The demo fleet runs as its own process (robot-sim's CLI), exactly as a separate fleet would: the api talks to it only
 * over MQTT. Started by the api when SIM_ROBOTS > 0, stopped with it.
 */
export class SimulatorProcess {
  private readonly logger = new Logger('Simulator');
  private child?: ChildProcess;

  constructor(
    /** The api's own environment, which the simulator inherits. */
    private readonly environment: NodeJS.ProcessEnv,
    private readonly cliPath = resolve(__dirname, '../../../../robot-sim/src/cli.js'),
  ) {}

  start(options: SimulatorOptions): void {
    if (!existsSync(this.cliPath)) {
      this.logger.error(`simulator not built (${this.cliPath} missing): run npm run build`);
      return;
    }
    const fleet = options.scenarioFile ? ['--scenario', options.scenarioFile] : ['--robots', String(options.robots)];
    // the broker goes in the environment: its URL may carry a login, and a command line is visible to every user (ps)
    const args = [...fleet, '--time-scale', String(options.timeScale), '--facility', options.facilityFile, ...(options.interfaceName ? ['--interface', options.interfaceName] : [])];
    const env = { ...this.environment, SIM_BROKER_URL: options.brokerUrl, ...(options.vehiclePassword === undefined ? {} : { MQTT_VEHICLE_PASSWORD: options.vehiclePassword }) };
    this.child = fork(this.cliPath, args, { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('exit', (code, signal) => {
      if (this.child) this.logger.warn(`simulator exited (${signal ?? code})`);
      this.child = undefined;
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
