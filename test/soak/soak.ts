import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { loadFacility, loadScenario } from '@opiekun/domain';
import { until } from './child-process';
import { faultPlan, type Fault } from './fault-plan';
import { garbage, seeded } from './garbage';
import { NurseOnShift } from './nurse-on-shift';
import { ShiftDriver } from './shift-driver';
import { databaseFigures, memoryFigures, openFleetTasks, type DatabaseFigures, type MemoryFigures, type MemorySample } from './soak-checks';
import type { SoakOptions } from './soak-options';
import { facilityFile, scenarioFile, SoakWorld, type Health, type MqttLogin } from './soak-world';
import { WireObserver, type WireFigures } from './wire-observer';
import { writeDemoFacility } from '../fixtures/demo-facility';

export interface SoakReport {
  readonly options: SoakOptions;
  readonly workDir: string;
  readonly wallS: number;
  readonly simHours: number;
  readonly faults: {
    readonly apiKills: number;
    readonly brokerRestarts: number;
    readonly robotDrops: number;
    readonly garbageSent: number;
    readonly garbageCounted: number;
  };
  readonly shift: { readonly raised: number; readonly retries: number; readonly replayed: number; readonly cancelsAsked: number; readonly nurseConfirmations: number };
  readonly database: DatabaseFigures;
  readonly wire: WireFigures;
  readonly memory: MemoryFigures;
  readonly gracefulExit: boolean;
  readonly failures: string[];
}

type Log = (line: string) => void;

/**
 * The chaos soak (README, "Chaos soak"): api, broker and simulator as separate processes through part of the demo
 * shift while faults strike; then every check is read from the database and the MQTT traffic.
 */
export async function runSoak(options: SoakOptions, log: Log = () => undefined): Promise<SoakReport> {
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'opiekun-soak-'));
  mkdirSync(workDir, { recursive: true });
  // the demo building without its quiet hours by default: they hold routine tasks from 22:00 to 06:00 in Warsaw, and
  // the soak runs on the wall clock and drains every task before it checks (demo-facility.ts)
  if (options.facilityFile === undefined) options = { ...options, facilityFile: writeDemoFacility(workDir) };
  const world = await SoakWorld.create(workDir, options);
  const started = Date.now();
  let report: SoakReport | undefined;
  try {
    report = await run(world, options, log, started);
    return report;
  } finally {
    await world.close();
    if (report && report.failures.length === 0 && !options.keep && !options.workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

async function run(world: SoakWorld, options: SoakOptions, log: Log, started: number): Promise<SoakReport> {
  const facility = loadFacility(JSON.parse(readFileSync(facilityFile(options), 'utf8')));
  const scenario = loadScenario(JSON.parse(readFileSync(scenarioFile(options), 'utf8')), facility);
  const durationS = options.hours * 3600;
  const random = seeded(options.seed);
  await world.startBroker();
  await world.startApi();
  const observer = await WireObserver.start(world.brokerUrl, world.monitorLogin);
  world.sim.start();
  await until('the scenario robots online with their factsheets', () => robotsReady(world, scenario.robots.length), 30_000, 200);
  log(`soak: ${scenario.robots.length} robots online; running ${options.hours} h of the shift at ×${options.timeScale} (seed ${options.seed}) in ${workDir(world)}`);

  const driver = new ShiftDriver(scenario, scenario.tasks.filter((t) => t.at < durationS), world.baseUrl, random, options.cancelShare, options.seed);
  const faults = faultPlan({
    durationS,
    apiKills: options.apiKills,
    brokerRestarts: options.brokerRestarts,
    garbage: options.garbage,
    random,
    robots: scenario.robots.map((r) => r.serialNumber),
    robotDrops: options.robotDrops,
    dropShare: options.dropShare,
    dropSpanS: options.dropSpanS,
  });
  const junk = garbage(options.garbage, scenario.robots, random, world.maxMessageBytes);
  // She looks in every two simulated minutes or so.
  const nurse = new NurseOnShift(world.baseUrl, Math.round((120 / options.timeScale) * 1000));
  const memory: MemorySample[] = [];
  const counts = { apiKills: 0, brokerRestarts: 0, robotDrops: 0, garbageSent: 0, garbageCounted: 0 };
  const failures: string[] = [];
  let apiStartedAt = Date.now();
  let lastSample = 0;
  const t0 = Date.now();
  const simNow = () => ((Date.now() - t0) / 1000) * options.timeScale;

  // Faults strike one at a time, beside the shift: staff keep raising tasks (retrying while the api is down) and the
  // nurse keeps confirming, so requests meet a dead api, and a kill can land while one is in flight.
  let striking: Promise<void> | undefined;
  let strikeError: unknown;
  while (simNow() < durationS || driver.pending > 0 || striking) {
    if (strikeError) throw strikeError;
    await driver.tick(simNow());
    await nurse.tick();
    const fault = faults[0];
    if (!striking && fault && fault.at <= simNow()) {
      faults.shift();
      striking = strike(fault).then(
        () => void (striking = undefined),
        (error: unknown) => void (strikeError = error),
      );
    }
    if (Date.now() - lastSample >= 1_000) {
      lastSample = Date.now();
      const health = await world.health();
      if (health) memory.push({ life: counts.apiKills, atMs: Date.now() - apiStartedAt, rssBytes: health.process.rssBytes });
    }
    if ((Date.now() - t0) / 1000 > (durationS / options.timeScale) * 3 + 120) throw new Error('the shift did not get through its tasks in three times its length');
    await sleep(50);
  }
  for (const fault of faults) await strike(fault);

  log('soak: shift over; waiting for the fleet to finish its work');
  const drained = await until(
    'every task done, cancelled or with staff',
    async () => {
      await nurse.tick();
      return openFleetTasks(world.dbPath) === 0 ? true : undefined;
    },
    options.drainS * 1000,
    250,
  ).catch(() => false);
  log(`soak: ${drained ? 'every task done, cancelled or with staff' : 'drain timed out'} ${Math.round((Date.now() - t0) / 1000 - durationS / options.timeScale)} s after the shift`);
  if (!drained) failures.push(`${openFleetTasks(world.dbPath)} tasks still open for the fleet after the drain`);
  // The api stayed up: it ended only when the soak killed it (each exit is counted), and answers now.
  const ownExits = world.api.exitCount - counts.apiKills;
  if (ownExits > 0) failures.push(`the api exited ${ownExits} time(s) on its own (see api.log)`);
  if ((await world.health())?.status !== 'ok') failures.push('the api is not healthy at the end of the soak');
  await world.sim.stop();
  const apiExit = await world.api.stop(30_000);
  await observer.stop();
  await world.broker.stop();

  const shift = driver.figures();
  const database = databaseFigures(world.dbPath, shift.keys);
  const wire = observer.figures();
  const mem = memoryFigures(memory);
  const dropsSeen = (readFileSync(join(world.dir, 'sim.log'), 'utf8').match(/simulated connection drop/g) ?? []).length;
  if (dropsSeen < counts.robotDrops) failures.push(`${counts.robotDrops} robot drops asked, the simulator did ${dropsSeen}`);
  failures.push(...judge(database, wire, mem, counts, shift.raised, apiExit === 0));
  for (const taskId of [...wire.doneTwice, ...wire.workedConcurrently].slice(0, 5)) {
    failures.push(`wire trace of ${taskId}:\n      ${observer.traceOf(taskId).join('\n      ')}`);
  }
  return {
    options,
    workDir: world.dir,
    wallS: Math.round((Date.now() - started) / 1000),
    simHours: options.hours,
    faults: counts,
    shift: { raised: shift.raised, retries: shift.retries, replayed: shift.replayed, cancelsAsked: shift.cancelsAsked, nurseConfirmations: nurse.confirmations },
    database,
    wire,
    memory: mem,
    gracefulExit: apiExit === 0,
    failures,
  };

  async function strike(fault: Fault): Promise<void> {
    switch (fault.kind) {
      case 'kill-api':
        log(`soak: kill -9 the api (${world.api.pid}); back in ${fault.downMs} ms`);
        await world.api.kill();
        counts.apiKills += 1;
        await sleep(fault.downMs);
        apiStartedAt = Date.now();
        await world.startApi();
        return;
      case 'restart-broker':
        log(`soak: kill the broker; back in ${fault.downMs} ms`);
        await world.broker.kill();
        await until('the api to report the broker down', async () => ((await world.health())?.broker.up === false ? true : undefined), 10_000, 50);
        await sleep(fault.downMs);
        await world.startBroker();
        counts.brokerRestarts += 1;
        await until('the api back on the broker', async () => ((await world.health())?.broker.up ? true : undefined), 30_000, 100);
        return;
      case 'drop-robots':
        for (const drop of fault.drops) {
          log(`soak: ${drop.serialNumber} off the network for ${drop.seconds} s (sim time)`);
          world.sim.send(`drop ${drop.serialNumber} ${drop.seconds}`);
          counts.robotDrops += 1;
        }
        return;
      case 'garbage': {
        const batch = junk.slice(counts.garbageSent, counts.garbageSent + fault.count);
        const counted = await sendGarbage(world, batch);
        counts.garbageSent += batch.length;
        counts.garbageCounted += counted;
        return;
      }
    }
  }
}

/** Publishes malformed messages and answers how many the api counted as refused (it must be all of them). */
async function sendGarbage(world: SoakWorld, batch: ReturnType<typeof garbage>): Promise<number> {
  const refused = (health: Health | undefined) => Object.values(health?.broker.rejectedMessages ?? {}).reduce((sum, n) => sum + n, 0);
  const before = refused(await until('the api', () => world.health(), 30_000));
  // Each robot's garbage from that robot's own login: the broker lets a vehicle publish only on its own topics, so this
  // is what a robot with a bug (or a stolen vehicle password) can send; the api must refuse and count all of it.
  for (const [login, messages] of byRobot(world, batch)) {
    const client = await connectAsync(world.brokerUrl, { reconnectPeriod: 0, connectTimeout: 5_000, ...login });
    try {
      for (const message of messages) await client.publishAsync(message.topic, message.payload, { qos: 0 });
    } finally {
      await client.endAsync();
    }
  }
  const counted = await until(
    'the api to count the garbage',
    async () => {
      const now = refused(await world.health());
      return now - before >= batch.length ? now - before : undefined;
    },
    15_000,
    100,
  ).catch(async () => refused(await world.health()) - before);
  return counted;
}

/** The batch grouped by the robot whose topics each message is on (`uagv/v2/{manufacturer}/{serial}/…`), with its login. */
function byRobot(world: SoakWorld, batch: ReturnType<typeof garbage>): [MqttLogin, ReturnType<typeof garbage>][] {
  const groups = new Map<string, ReturnType<typeof garbage>>();
  for (const message of batch) {
    const [, , manufacturer, serialNumber] = message.topic.split('/');
    const key = `${manufacturer}/${serialNumber}`;
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  return [...groups].map(([key, messages]) => {
    const [manufacturer, serialNumber] = key.split('/');
    return [world.vehicleLogin(manufacturer, serialNumber), messages];
  });
}

async function robotsReady(world: SoakWorld, expected: number): Promise<true | undefined> {
  const response = await fetch(`${world.baseUrl}/api/robots`).catch(() => undefined);
  if (!response?.ok) return undefined;
  const robots = (await response.json()) as { connection: string; actions: string[] }[];
  return robots.filter((r) => r.connection === 'ONLINE' && r.actions.length > 0).length >= expected ? true : undefined;
}

function judge(db: DatabaseFigures, wire: WireFigures, memory: MemoryFigures, counts: { apiKills: number; garbageSent: number; garbageCounted: number }, raised: number, graceful: boolean): string[] {
  const failures: string[] = [];
  if (db.missing.length > 0) failures.push(`${db.missing.length} raised tasks are not in the database: ${db.missing.slice(0, 5).join(', ')}`);
  if (db.unexpected.length > 0) failures.push(`${db.unexpected.length} tasks in the database no request made (duplicates?): ${db.unexpected.slice(0, 5).join(', ')}`);
  if (db.tasks - db.returns !== raised) failures.push(`${db.tasks - db.returns} tasks in the database for ${raised} raised`);
  if (db.unfinished.length > 0) failures.push(`${db.unfinished.length} tasks neither completed, cancelled nor with staff: ${db.unfinished.slice(0, 5).join(', ')}`);
  if (db.completedTwice.length > 0) failures.push(`tasks completed twice: ${db.completedTwice.join(', ')}`);
  if (wire.doneTwice.length > 0) failures.push(`tasks two robots carried out to the end (done twice): ${wire.doneTwice.join(', ')}`);
  if (wire.workedConcurrently.length > 0) failures.push(`tasks two robots worked on at the same time: ${wire.workedConcurrently.join(', ')}`);
  if (wire.invalidOutbound > 0) failures.push(`${wire.invalidOutbound} orders or instant actions failed the VDA 5050 schema`);
  if (db.outbox > 0) failures.push(`${db.outbox} missions left in the outbox`);
  if (counts.apiKills < 3) failures.push(`only ${counts.apiKills} api kills`);
  if (counts.garbageCounted !== counts.garbageSent) failures.push(`${counts.garbageSent} malformed messages sent, ${counts.garbageCounted} counted as refused`);
  if (!memory.bounded) failures.push(`memory: ${JSON.stringify(memory)}`);
  if (!graceful) failures.push('the api did not exit cleanly on SIGTERM at the end');
  return failures;
}

function workDir(world: SoakWorld): string {
  return world.dir;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
