#!/usr/bin/env node
// `npm run sim -- --robots N --broker URL --time-scale X [--facility FILE] [--scenario FILE] [--seed S] [--control stdin]`
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { withSiteAuthority } from '@opiekun/vda5050';
import { CliOptions, parseCliOptions, startupLine, USAGE } from './cli/cli-options';
import { applyControl, parseControlLine } from './cli/control-commands';
import { findRepoRoot } from './cli/repo-root';
import { loadFacility } from './facility/facility.loader';
import { composeFleet, loadScenarioRobots } from './fleet/fleet-spec.loader';
import { SimFleet } from './fleet/sim-fleet';
import { SimClock } from './clock/sim-clock';

/** Exit codes: 0 after a clean shutdown, 2 for bad flags or input files, 1 for anything else. */
const EXIT_USAGE = 2;

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function fail(message: string, code: number): never {
  process.stderr.write(`robot-sim: ${message}\n`);
  process.exit(code);
}

/**
 * Node's built-in authorities, NODE_EXTRA_CA_CERTS's and those --ca names (Node's `ca` replaces the default list, so
 * all are given), read and checked before any robot starts; undefined without --ca (Node's defaults).
 */
function trustedAuthorities(file: string | undefined): string[] | undefined {
  if (file === undefined) return undefined;
  let ca: Buffer;
  try {
    ca = readFileSync(file);
  } catch (error) {
    return fail(`--ca ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT_USAGE);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) fail(`--ca ${file} is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" line)`, EXIT_USAGE);
  // eslint-disable-next-line no-restricted-properties -- Node's own variable: its authorities stay trusted beside --ca's
  return withSiteAuthority(ca.toString('utf8'), process.env.NODE_EXTRA_CA_CERTS);
}

function buildFleet(options: CliOptions): SimFleet {
  let robots;
  let facility;
  const ca = trustedAuthorities(options.caFile);
  try {
    facility = loadFacility(options.facilityFile);
    const scenarioRobots = options.scenarioFile ? loadScenarioRobots(options.scenarioFile, facility) : undefined;
    robots = composeFleet(scenarioRobots, options.robots, facility);
    if (Object.keys(options.limits).length > 0) robots = robots.map((robot) => ({ ...robot, limits: options.limits }));
  } catch (error) {
    return fail((error as Error).message, EXIT_USAGE);
  }
  return new SimFleet({
    robots,
    facility,
    clock: new SimClock(Date.now()),
    seed: options.seed,
    faults: Object.keys(options.faults).length > 0 ? options.faults : undefined,
    mqtt: {
      brokerUrl: options.brokerUrl,
      interfaceName: options.interfaceName,
      // From the environment, not a flag: a command line is visible to every user of the machine (ps).
      // eslint-disable-next-line no-restricted-properties -- the simulator's one secret; its other settings are flags
      vehiclePassword: process.env.MQTT_VEHICLE_PASSWORD || undefined,
      ...(ca ? { mqttOptions: { ca } } : {}),
      visualizationIntervalMs: options.visualizationMs,
      stateHeartbeatMs: options.stateMs,
      // `drop` commands cut links through the outage relay, so it is needed whenever commands may come.
      ...(options.control ? { injectableOutages: true } : {}),
    },
    log,
  });
}

/**
 * SIGINT/SIGTERM: OFFLINE and disconnect every robot; a signal more than a second after the first quits at once. (One
 * within the second is the same request arriving twice: a terminal's Ctrl-C reaches the whole process group, and the
 * api that forked the simulator passes its own signal on.)
 */
function stopOnSignals(fleet: SimFleet): void {
  let stoppingSince: number | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince > 1_000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    log(`${signal}: taking ${fleet.vehicles.length} robots offline`);
    fleet.stop().then(
      () => process.exit(0),
      (error: Error) => fail(`shutdown failed: ${error.message}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** `--control stdin`: one command a line (cli/control-commands.ts); a bad one is answered on stderr, never fatal. */
function readControl(fleet: SimFleet): void {
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', (line) => {
    const parsed = parseControlLine(line);
    if (parsed.kind === 'none') return;
    if (parsed.kind === 'error') return void process.stderr.write(`robot-sim: control: ${parsed.message}\n`);
    try {
      log(applyControl(fleet, parsed.command));
    } catch (error) {
      process.stderr.write(`robot-sim: control: ${(error as Error).message}\n`);
    }
  });
}

async function main(): Promise<void> {
  // MQTT_CA_FILE: the same variable as the api's; SIM_BROKER_URL: the broker the api hands its fleet (off the command line)
  // eslint-disable-next-line no-restricted-properties
  const { MQTT_CA_FILE, SIM_BROKER_URL } = process.env;
  const parsed = parseCliOptions(process.argv.slice(2), findRepoRoot(), { MQTT_CA_FILE, SIM_BROKER_URL });
  if (parsed.kind === 'help') return void process.stdout.write(`${USAGE}\n`);
  if (parsed.kind === 'error') fail(`${parsed.message}\n\n${USAGE}`, EXIT_USAGE);
  const { options } = parsed;
  const fleet = buildFleet(options);
  stopOnSignals(fleet);
  log(startupLine(fleet.vehicles.length, options));
  await fleet.start({ timeScale: options.timeScale });
  if (options.control === 'stdin') readControl(fleet);
}

main().catch((error: Error) => fail(error.stack ?? error.message, 1));
