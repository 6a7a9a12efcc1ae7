import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { loadFacility } from '@opiekun/domain';
import { commandLine, numericOption } from './cli/numeric-option';
import { repoRoot } from './cli/repo-root';
import { percentile, round } from './metrics/statistics';
import { withoutQuietHours } from './world/any-hour-facility';

const USAGE = `Usage: npm run bench:e2e -- [--robots N] [--tasks N] [--warmup N] [--rate R] [--policy min-cost|earliest-finish] [--json]

  Starts the built api (embedded broker, fresh SQLite, --policy, default min-cost) and robot-sim in its own process with N robots
  (default 200) publishing state at 1 Hz, then creates --tasks tasks over REST (default 400) at --rate per second
  (default 10), cancelling each once its order reached the robot (so robots stay free), and reports REST → MQTT order
  latency beside raw MQTT publish → receive latency measured on the same broker during the same run, and the api's
  event-loop delay over the run. Before them, --warmup tasks (default 20) the same way, reported apart: the api's
  first requests load and compile code paths (the first POST held its event loop about 20 ms here).

  API_NODE_ARGS in the environment: node flags for the api, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.`;

interface Options {
  readonly robots: number;
  readonly tasks: number;
  readonly warmup: number;
  readonly rate: number;
  readonly json: boolean;
  readonly policy: string;
}

interface Figures {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function figures(values: readonly number[]): Figures {
  return { samples: values.length, p50Ms: round(percentile(values, 50), 2), p99Ms: round(percentile(values, 99), 2), maxMs: round(Math.max(0, ...values), 2) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The api's DISPATCH_POLICY values (apps/api/src/config/app-config.ts). */
const API_POLICIES = ['min-cost', 'earliest-finish'];

interface Login {
  readonly username: string;
  readonly password: string;
}

/**
 * The run's MQTT passwords, given to the api (its embedded broker checks them) and the simulator: the bench's
 * watchers log in as the read-only monitor; the raw publish → receive pair as master control and one vehicle.
 */
const PASSWORDS = { master: randomBytes(18).toString('base64url'), vehicle: randomBytes(18).toString('base64url'), monitor: randomBytes(18).toString('base64url') };
const MONITOR: Login = { username: 'monitor', password: PASSWORDS.monitor };
const MASTER: Login = { username: 'opiekun', password: PASSWORDS.master };
/** A vehicle no robot is: raw messages go to its instantActions, which the api does not read. */
const RAW_VEHICLE: Login = { username: 'Bench/raw', password: PASSWORDS.vehicle };
const RAW_TOPIC = 'uagv/v2/Bench/raw/instantActions';

/** An MQTT client as the api's and the simulator's: TCP_NODELAY on its socket (else loopback p99 sits near 40 ms). */
async function client(url: string, id: string, login: Login): Promise<MqttClient> {
  const c = connect(url, { clientId: id, reconnectPeriod: 0, protocolVersion: 4, ...login });
  c.on('packetsend', (packet: { cmd: string }) => {
    const stream = c.stream as unknown as { setNoDelay?: (b: boolean) => void };
    if (packet.cmd === 'connect') stream.setNoDelay?.(true);
  });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  return c;
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = commandLine(
    argv,
    { policy: { type: 'string' }, robots: { type: 'string' }, tasks: { type: 'string' }, warmup: { type: 'string' }, rate: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
    (values): Options => {
      const policy = (values.policy as string | undefined) ?? 'min-cost';
      if (!API_POLICIES.includes(policy)) throw new Error(`--policy must be one of the api's: ${API_POLICIES.join(', ')} (got "${policy}")`);
      return {
        robots: numericOption(values, 'robots', 200, { min: 1, max: 2_000, whole: true }),
        tasks: numericOption(values, 'tasks', 400, { min: 1, max: 100_000, whole: true }),
        warmup: numericOption(values, 'warmup', 20, { min: 0, max: 100_000, whole: true }),
        rate: numericOption(values, 'rate', 10, { min: 0.1, max: 1_000 }),
        json: values.json === true,
        policy,
      };
    },
  );
  if ('exit' in parsed) return parsed.exit;
  const { options } = parsed;
  const root = repoRoot();
  const log = (line: string) => void (options.json ? undefined : process.stderr.write(`${line}\n`));
  // the demo building less its quiet hours: this bench runs on the wall clock (any-hour-facility.ts)
  const anyHour = withoutQuietHours(JSON.parse(readFileSync(join(root, 'assets/facilities/mco-demo.json'), 'utf8')) as Record<string, unknown>);
  const facility = loadFacility(anyHour);
  const children: ChildProcess[] = [];
  const clients: MqttClient[] = [];
  let dir: string | undefined;
  // Ctrl-C or a kill: the api and the robots it started stop too, and the temporary database goes
  const interrupted = (signal: NodeJS.Signals) => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    dir = mkdtempSync(join(tmpdir(), 'opiekun-bench-e2e-'));
    const facilityFile = join(dir, 'mco-demo-any-hour.json');
    writeFileSync(facilityFile, JSON.stringify(anyHour));
    const [port, mqttPort] = [await freePort(), await freePort()];
    const brokerUrl = `mqtt://127.0.0.1:${mqttPort}`;
    const base = `http://127.0.0.1:${port}`;
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MQTT_PORT: String(mqttPort), MQTT_HOST: '127.0.0.1', DB_PATH: join(dir, 'db.sqlite'), SIM_ROBOTS: '0', CARE_FILE: 'none', LOG_LEVEL: 'error', FACILITY_FILE: facilityFile, DISPATCH_POLICY: options.policy, MQTT_MASTER_PASSWORD: PASSWORDS.master, MQTT_VEHICLE_PASSWORD: PASSWORDS.vehicle, MQTT_MONITOR_PASSWORD: PASSWORDS.monitor };
    log(`starting the api on :${port} (broker :${mqttPort})…`);
    const api = spawn(process.execPath, [...(process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean), join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(api);
    startedProcesses.push({ name: 'the api', child: api });
    await until('api healthy', async () => (await fetch(`${base}/health`).then((r) => r.ok, () => false)) || undefined, 60_000);

    log(`starting ${options.robots} simulated robots (own process, state at 1 Hz)…`);
    const sim = spawn(
      process.execPath,
      [join(root, 'dist/robot-sim/src/cli.js'), '--robots', String(options.robots), '--broker', brokerUrl, '--time-scale', '1', '--state-ms', '1000', '--visualization-ms', '0', '--facility', facilityFile],
      { cwd: root, env: { ...process.env, MQTT_VEHICLE_PASSWORD: PASSWORDS.vehicle }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    children.push(sim);
    startedProcesses.push({ name: 'robot-sim', child: sim });
    await until(
      `${options.robots} robots online with their actions`,
      async () => {
        const robots = (await fetch(`${base}/api/robots`).then((r) => r.json(), () => [])) as Array<{ connection: string; actions: string[]; lastNodeId?: string }>;
        const ready = robots.filter((r) => r.connection === 'ONLINE' && r.actions.length > 0 && r.lastNodeId);
        return ready.length >= options.robots || undefined;
      },
      120_000,
      1000,
    );

    // order arrivals, by orderId; every state message counted (1 Hz × robots expected)
    const orders = new Map<string, number>();
    /** Tasks created, by id: when their POST was sent. */
    const sent = new Map<string, number>();
    const watcher = await client(brokerUrl, 'bench-e2e-watch', MONITOR);
    clients.push(watcher);
    let states = 0;
    watcher.on('message', (topic) => {
      if (topic.endsWith('/state')) states += 1;
    });
    const orderWatcher = await client(brokerUrl, 'bench-e2e-orders', MONITOR);
    clients.push(orderWatcher);
    orderWatcher.on('message', (_topic, payload) => {
      const at = performance.now();
      let orderId: unknown;
      try {
        orderId = (JSON.parse(payload.toString()) as { orderId?: unknown }).orderId;
      } catch {
        return; // not JSON: not an order of ours (the api validates what it sends)
      }
      if (typeof orderId !== 'string' || orders.has(orderId)) return;
      orders.set(orderId, at);
      // cancelled as soon as its order is seen, not with the next creation: a cancel sent together with the next POST
      // made that POST wait behind it (4–5 ms of every REST → 201 here was that). A task's orderId is `taskId:attempt`.
      const taskId = orderId.slice(0, orderId.lastIndexOf(':'));
      if (sent.has(taskId)) cancelTask(base, taskId);
    });
    await new Promise<void>((r) => orderWatcher.subscribe('uagv/v2/+/+/order', { qos: 0 }, () => r()));
    await new Promise<void>((r) => watcher.subscribe('uagv/v2/+/+/state', { qos: 0 }, () => r()));

    // raw MQTT on the same broker, during the same run: publish → receive between two other clients, as master control
    // to a vehicle (through the same access control as the orders)
    const rawSub = await client(brokerUrl, 'bench-e2e-raw-sub', RAW_VEHICLE);
    const rawPub = await client(brokerUrl, 'bench-e2e-raw-pub', MASTER);
    clients.push(rawSub, rawPub);
    const raw: number[] = [];
    rawSub.on('message', (_topic, payload) => raw.push(performance.now() - Number(payload.toString())));
    await new Promise<void>((r) => rawSub.subscribe(RAW_TOPIC, { qos: 0 }, () => r()));

    const rooms = facility.nodes.filter((n) => n.kind === 'room').map((n) => n.id);
    const sources = ['kitchen', 'pharmacy', 'laundry', 'storage'].flatMap((kind) => facility.nodesOfKind(kind).map((n) => n.id));
    let made = 0;
    /** Creates `count` tasks over REST at the rate; each is cancelled once its order is seen (cancelTask). */
    const createTasks = async (count: number) => {
      const created = new Map<string, number>();
      const refused: string[] = [];
      const responses: number[] = [];
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let i = 0; i < count; i++, made++) {
        const body = { type: 'meal', priority: 'routine', from: sources[made % sources.length], to: rooms[(made * 7) % rooms.length] };
        const t0 = performance.now();
        pending.push(
          fetch(`${base}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
            async (r) => {
              const task = (await r.json()) as { id?: string };
              if (r.status !== 201 || !task.id) refused.push(`${r.status}`);
              else {
                created.set(task.id, t0);
                sent.set(task.id, t0);
                responses.push(performance.now() - t0);
                if (orderOf(task.id, orders) !== undefined) cancelTask(base, task.id); // its order came before the response
              }
            },
            (error: Error) => void refused.push(error.message),
          ),
        );
        await sleep(Math.max(0, started + ((i + 1) * 1000) / options.rate - performance.now()));
      }
      await Promise.all(pending);
      await until('every order', async () => ([...created.keys()].every((id) => orderOf(id, orders) !== undefined) ? true : undefined), 30_000, 200).catch(() => undefined);
      const latencies: number[] = [];
      let missing = 0;
      for (const [id, t0] of created) {
        const at = orderOf(id, orders);
        if (at === undefined) missing += 1;
        else latencies.push(at - t0);
      }
      return { ids: [...created.keys()], latencies, missing, refused, responses, elapsedS: (performance.now() - started) / 1000 };
    };
    type LoopDelay = { p50Ms: number; p99Ms: number; maxMs: number; sinceS: number };
    /** The api's event-loop delay since the last reset; `reset` starts a new window. */
    const loopDelay = async (reset: boolean) =>
      ((await fetch(`${base}/health${reset ? '?eventLoopReset=true' : ''}`).then((r) => r.json())) as { process: { eventLoopDelay?: LoopDelay } }).process.eventLoopDelay;

    await sleep(3000);
    await loopDelay(true);
    // the api's first requests load modules and compile code paths once: measured, reported apart
    let warmup: { tasks: number; refused: number; restToOrder: Figures; ordersMissing: number; apiEventLoopDelay?: LoopDelay } | undefined;
    if (options.warmup > 0) {
      log(`warming up: ${options.warmup} tasks at ${options.rate}/s…`);
      const warm = await createTasks(options.warmup);
      // a warm-up task whose order never came leaves the queue now, not during the measured run
      for (const id of warm.ids) cancelTask(base, id);
      await sleep(1000);
      warmup = { tasks: options.warmup, refused: warm.refused.length, restToOrder: figures(warm.latencies), ordersMissing: warm.missing, apiEventLoopDelay: await loopDelay(true) };
    }
    const statesFrom = states;
    log(`creating ${options.tasks} tasks at ${options.rate}/s…`);
    const rawTimer = setInterval(() => rawPub.publish(RAW_TOPIC, String(performance.now()), { qos: 0 }), 1000 / Math.max(options.rate, 20));
    const { latencies, missing, refused, responses, elapsedS } = await createTasks(options.tasks);
    clearInterval(rawTimer);
    const loop = await loopDelay(false);
    for (const id of sent.keys()) cancelTask(base, id);

    const order = figures(latencies);
    const mqtt = figures(raw);
    const http = figures(responses);
    const result = {
      policy: options.policy,
      robots: options.robots,
      stateMessagesPerS: round((states - statesFrom) / elapsedS, 1),
      tasks: options.tasks,
      refused: refused.length,
      ordersMissing: missing,
      warmup,
      restToOrder: order,
      restResponse: http,
      rawMqtt: mqtt,
      ratioP99: round(order.p99Ms / Math.max(mqtt.p99Ms, 0.01), 1),
      apiEventLoopDelay: loop,
      targets: [
        // met only when every task created reached its robot: a run that measured nothing meets nothing
        { target: 'REST → MQTT order p99 < 20 ms', measured: order.p99Ms, met: order.samples === options.tasks && order.p99Ms < 20 && missing === 0 },
        { target: 'api event-loop delay max ≤ 20 ms (never blocked longer)', measured: loop?.maxMs ?? NaN, met: (loop?.maxMs ?? Infinity) <= 20 },
      ],
    };
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`policy ${options.policy}: ${options.robots} robots (own process) sending ${result.stateMessagesPerS} state messages/s; ${options.tasks} tasks over REST at ${options.rate}/s, ${refused.length} refused, ${missing} orders missing`);
      console.log('');
      console.log('| measure | samples | p50 ms | p99 ms | max ms |');
      console.log('|:--|--:|--:|--:|--:|');
      console.log(`| REST POST /api/tasks → order on the robot's topic | ${order.samples} | ${order.p50Ms} | ${order.p99Ms} | ${order.maxMs} |`);
      console.log(`| REST POST /api/tasks → its 201 response | ${http.samples} | ${http.p50Ms} | ${http.p99Ms} | ${http.maxMs} |`);
      console.log(`| raw MQTT publish → receive (same broker, same run) | ${mqtt.samples} | ${mqtt.p50Ms} | ${mqtt.p99Ms} | ${mqtt.maxMs} |`);
      if (loop) console.log(`| api event-loop delay (over ${loop.sinceS} s) | – | ${loop.p50Ms} | ${loop.p99Ms} | ${loop.maxMs} |`);
      if (warmup) {
        const w = warmup.restToOrder;
        const troubles = [warmup.refused ? `${warmup.refused} refused` : '', warmup.ordersMissing ? `${warmup.ordersMissing} orders missing` : ''].filter(Boolean);
        console.log(`| warm-up before them, not counted above: REST → order (${warmup.tasks} tasks${troubles.map((t) => `, ${t}`).join('')}) | ${w.samples} | ${w.p50Ms} | ${w.p99Ms} | ${w.maxMs} |`);
        const l = warmup.apiEventLoopDelay;
        if (l) console.log(`| warm-up: api event-loop delay (over ${l.sinceS} s) | – | ${l.p50Ms} | ${l.p99Ms} | ${l.maxMs} |`);
      }
      console.log('');
      console.log(`ratio REST→order / raw MQTT at p99: ×${result.ratioP99}`);
      for (const t of result.targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'} ${t.target}: ${t.measured}`);
    }
    return 0;
  } finally {
    for (const c of clients) c.end(true);
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

/** The first order for the task (`taskId:attempt`). */
function orderOf(taskId: string, orders: ReadonlyMap<string, number>): number | undefined {
  return orders.get(`${taskId}:1`) ?? orders.get(`${taskId}:2`);
}

const cancelled = new Set<string>();

/** Cancels a task (once), so that the fleet stays free for the next ones (fire and forget). */
function cancelTask(base: string, id: string): void {
  if (cancelled.has(id)) return;
  cancelled.add(id);
  void fetch(`${base}/api/tasks/${id}/cancel`, { method: 'POST' }).catch(() => undefined);
}

/** The processes this bench started; `until` gives up as soon as one has exited (nothing to wait for then). */
const startedProcesses: Array<{ readonly name: string; readonly child: ChildProcess }> = [];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    const dead = startedProcesses.find(({ child }) => child.exitCode !== null || child.signalCode !== null);
    if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode ?? dead.child.signalCode}) while waiting for ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
