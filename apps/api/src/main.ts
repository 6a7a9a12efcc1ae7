import 'reflect-metadata';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { UuidGenerator } from '@opiekun/application';
import { DomainError, loadFacility, loadScenario, type Facility, type Scenario } from '@opiekun/domain';
import { withoutUserInfo } from '@opiekun/vda5050';
import { AppModule } from './app.module';
import { brokerAccess, brokerLogins, masterLoginProblem, randomPassword } from './broker/broker-logins';
import { brokerTls, trustedAuthorities } from './broker/broker-tls';
import { BrokerPortInUseError, EmbeddedBroker } from './broker/embedded-broker';
import { CareFileError, readCareFile } from './care/care-file';
import { ConfigError, loadConfig, unreadVariables, type AppConfig } from './config/app-config';
import { setUpHttp } from './http/http-setup';
import { HttpTraffic } from './http/limits/http-traffic';
import { SimulatorProcess } from './simulator/simulator-process';
import type { BrokerInfo } from './tokens';

const logger = new Logger('Opiekun');
const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug'];

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readJson(variable: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`${variable}=${file}: ${(error as Error).message}`, 2);
  }
}

function readFacility(config: AppConfig): Facility {
  try {
    return loadFacility(readJson('FACILITY_FILE', config.FACILITY_FILE));
  } catch (error) {
    return fail(`FACILITY_FILE=${config.FACILITY_FILE} is not a valid facility: ${(error as Error).message}`, 2);
  }
}

/**
 * The simulated fleet is the scenario's when the scenario was made for this facility and has SIM_ROBOTS robots (the
 * default: the demo shift's 6); otherwise the simulator spreads SIM_ROBOTS robots of its own over the chargers. A
 * scenario for this facility is checked as the simulator checks it, so a broken one stops the start here instead of
 * leaving the api running without its fleet.
 */
function scenarioFor(config: AppConfig, facility: Facility): string | undefined {
  const file = config.SCENARIO_FILE;
  if (!file) return undefined;
  const json = readJson('SCENARIO_FILE', file);
  const named = typeof json === 'object' && json !== null ? (json as { facility?: unknown }).facility : undefined;
  if (typeof named === 'string' && named !== facility.id) {
    logger.log(`simulator: ${config.SIM_ROBOTS} robots of its own (${file} is for ${named})`);
    return undefined;
  }
  const scenario = checkScenario(file, json, facility);
  if (scenario.robots.length !== config.SIM_ROBOTS) {
    logger.log(`simulator: ${config.SIM_ROBOTS} robots of its own (${file} has ${scenario.robots.length} robots)`);
    return undefined;
  }
  // The simulator needs a model for each robot; the format leaves it optional for replays (npm run bench).
  const unnamed = scenario.robots.findIndex((robot) => robot.model === undefined);
  if (unnamed >= 0) fail(`SCENARIO_FILE=${file}: robot #${unnamed}: model must be a non-empty string for the simulator`, 2);
  return file;
}

function checkScenario(file: string, json: unknown, facility: Facility): Scenario {
  try {
    return loadScenario(json, facility);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return fail(`SCENARIO_FILE=${file} is not a valid scenario: ${error.message}`, 2);
  }
}

/**
 * The care file this start uses. One named in CARE_FILE is used as named, and checked (checkCareFile). The default —
 * the demo building's wards, residents and plans — only for the building it names: with another FACILITY_FILE and no
 * CARE_FILE the api starts without care data (wards and residents can be added over REST) and says so, as the simulator
 * does with the demo scenario, rather than refusing to start over rooms the building does not have.
 */
function careFileFor(config: AppConfig, facility: Facility, env: Record<string, string | undefined> = process.env): AppConfig {
  if (config.CARE_FILE === 'none' || (env.CARE_FILE ?? '') !== '') return config;
  const json = readJson('CARE_FILE', config.CARE_FILE);
  const named = typeof json === 'object' && json !== null ? (json as { facility?: unknown }).facility : undefined;
  if (named === facility.id) return config;
  logger.warn(`care: starting without wards, residents or care plans: the default care file ${config.CARE_FILE} is for the facility "${String(named)}", not "${facility.id}" (set CARE_FILE to a care file for this building, or to none)`);
  return Object.freeze({ ...config, CARE_FILE: 'none' });
}

/**
 * The care file (assets/care/FORMAT.md): what every start takes from it is checked here, and all of it when the
 * database is not there yet — it will get the file — so a problem stops the start before the database is made. A
 * database that is there gets the file only if it has no ward, which is asked once it is open (CareLifecycle).
 */
function checkCareFile(config: AppConfig, facility: Facility): void {
  if (config.CARE_FILE === 'none') return;
  const fresh = config.DB_PATH === ':memory:' || !existsSync(config.DB_PATH);
  try {
    readCareFile(config.CARE_FILE, fresh ? { facility, ids: new UuidGenerator(), now: Date.now() } : undefined);
  } catch (error) {
    if (!(error instanceof CareFileError)) throw error;
    fail(error.message, 2);
  }
}

/** The database's folder exists or can be made (better-sqlite3 would fail later, with a stack, after the broker started). */
function databaseFolder(dbPath: string): void {
  if (dbPath === ':memory:') return;
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
    accessSync(dirname(dbPath), constants.W_OK);
  } catch (error) {
    fail(`DB_PATH=${dbPath}: its folder cannot be made or written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set DB_PATH to a file in a writable folder`, 2);
  }
}

/** Why the HTTP server could not listen, naming the variable to change. */
function listenProblem(config: AppConfig, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `PORT=${config.PORT} is already in use on ${config.HOST} (another program listens there): set PORT to a free port`;
    case 'EACCES':
      return `PORT=${config.PORT}: not allowed to listen on it (ports under 1024 need privileges): set PORT to 1024 or above`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EADDRNOTAVAIL':
      return `HOST=${config.HOST} is not an address of this machine (${error.code}): set HOST to one of its addresses, 0.0.0.0 for all`;
    default:
      return `the HTTP server could not listen on ${config.HOST}:${config.PORT}: ${error.message}`;
  }
}

interface StartedBroker {
  readonly info: BrokerInfo;
  readonly broker?: EmbeddedBroker;
  /** What the simulated fleet logs in with (its vehicles as `{manufacturer}/{serialNumber}`), if anything. */
  readonly vehiclePassword?: string;
}

/**
 * The embedded broker with its access control, or the external MQTT_URL (whose logins are its own business: the api
 * logs in as MQTT_MASTER_USERNAME when MQTT_MASTER_PASSWORD is set).
 */
async function startBroker(config: AppConfig): Promise<StartedBroker> {
  const brokerLogger = new Logger('MqttBroker');
  if (config.MQTT_URL) {
    const login = config.MQTT_MASTER_PASSWORD === undefined ? undefined : { username: config.MQTT_MASTER_USERNAME, password: config.MQTT_MASTER_PASSWORD };
    const ca = configured(() => trustedAuthorities(config));
    for (const variable of ['MQTT_PASSWORD_FILE', 'MQTT_TLS_CERT_FILE', 'MQTT_TLS_KEY_FILE'] as const) {
      if (config[variable] !== undefined) brokerLogger.warn(`${variable} is for the embedded broker; with MQTT_URL, logins and TLS are the external broker's business: it is not used`);
    }
    return { info: { mode: 'external', url: config.MQTT_URL, login, ca }, vehiclePassword: config.MQTT_VEHICLE_PASSWORD };
  }
  // The api's client and the simulated fleet share this process's secrets: unset passwords are made for this run.
  if (!config.MQTT_ACCESS_CONTROL && config.MQTT_PASSWORD_FILE !== undefined) brokerLogger.warn('MQTT_PASSWORD_FILE is not used: MQTT_ACCESS_CONTROL=false lets everyone in');
  const loginConfig = config.MQTT_ACCESS_CONTROL ? config : { ...config, MQTT_PASSWORD_FILE: undefined };
  const logins = configured(() => brokerLogins(loginConfig, randomPassword, { log: (line) => brokerLogger.log(line), warn: (line) => brokerLogger.warn(line) }));
  const tls = configured(() => brokerTls(config));
  // checked in embedded mode too: the simulated fleet the api starts reads it from the environment it inherits
  configured(() => trustedAuthorities(config));
  const access = brokerAccess(config, logins);
  const masterProblem = access === 'open' ? undefined : await masterLoginProblem(logins);
  if (masterProblem) fail(masterProblem, 2);
  const broker = new EmbeddedBroker(config.MQTT_PORT, config.MQTT_HOST, { access, log: (line) => brokerLogger.warn(line), tls });
  try {
    await broker.start();
  } catch (error) {
    fail(error instanceof BrokerPortInUseError ? error.message : `embedded MQTT broker failed: ${(error as Error).message}`);
  }
  if (access === 'open') brokerLogger.warn('MQTT_ACCESS_CONTROL=false: any client that reaches the broker may command every robot');
  else if (config.MQTT_VEHICLE_PASSWORD === undefined && !logins.passwordFile) brokerLogger.log('MQTT_VEHICLE_PASSWORD is not set: only the simulated fleet can log in as a vehicle (README, "MQTT access control")');
  if (tls) brokerLogger.log(`MQTT over TLS on ${tls.host}:${broker.listeningTlsPort}`);
  const info: BrokerInfo = { mode: 'embedded', url: `mqtt://127.0.0.1:${broker.listeningPort}`, login: logins.master, refusedCounts: () => broker.refusedCounts(), vehicleConnected: (manufacturer, serialNumber) => broker.vehicleConnected({ manufacturer, serialNumber }) };
  return { info, broker, vehiclePassword: logins.vehiclePassword };
}

/** A part of the configuration that is read from files: a problem with it ends the start with its message (exit 2). */
function configured<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    return fail((error as ConfigError).message, 2);
  }
  for (const { variable, meant } of unreadVariables(process.env)) {
    logger.warn(`${variable} is set but Opiekun has no such setting${meant ? ` (did you mean ${meant}?)` : ''}: it is ignored`);
  }
  const facility = readFacility(config);
  config = careFileFor(config, facility);
  // Every file and folder the configuration names is checked before anything starts (or writes the database), so a
  // mistake is one line naming the variable, not a stack trace after the api said it had started.
  const scenarioFile = config.SIM_ROBOTS > 0 ? scenarioFor(config, facility) : undefined;
  checkCareFile(config, facility);
  databaseFolder(config.DB_PATH);
  const { info, broker, vehiclePassword } = await startBroker(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, facility, info), {
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1),
  });
  setUpHttp(app, config);
  try {
    // Apart from listening, so a failure of the database or the care file's seeding is not blamed on HTTP.
    await app.init();
  } catch (error) {
    if (error instanceof CareFileError) fail(error.message, 2);
    fail(`start-up failed: ${(error as Error).message}`);
  }
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    fail(listenProblem(config, error as NodeJS.ErrnoException), 2);
  }
  const simulator = new SimulatorProcess(process.env);
  if (config.SIM_ROBOTS > 0) {
    simulator.start({ robots: config.SIM_ROBOTS, brokerUrl: info.url, timeScale: config.SIM_TIME_SCALE, facilityFile: config.FACILITY_FILE, scenarioFile, interfaceName: config.MQTT_INTERFACE_NAME, vehiclePassword });
  }
  const base = `http://localhost:${config.PORT}`;
  logger.log(`Dashboard:  ${base}/`);
  logger.log(`REST API:   ${base}/api   (OpenAPI: ${base}/api/docs)`);
  logger.log(`Health:     ${base}/health`);
  logger.log(`MQTT:       ${withoutUserInfo(info.url)} (${info.mode} broker)`);
  const shutdown = async (signal: string) => {
    logger.log(`${signal}: shutting down — no new requests; finishing what is under way`);
    setTimeout(() => fail(`shutdown took longer than ${config.SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`), config.SHUTDOWN_TIMEOUT_MS).unref();
    // 1. Stop taking requests and let those under way finish (they may still write). 2. Stop planning, wait for
    // the write in progress, close MQTT with a DISCONNECT (see Lifecycle) and the database (app.close).
    if (!(await app.get(HttpTraffic).drain(config.SHUTDOWN_TIMEOUT_MS / 2))) logger.warn('some requests were still running');
    await simulator.stop();
    await app.close();
    await broker?.stop();
    logger.log('stopped cleanly');
    process.exit(0);
  };
  // A bug in one handler must not take the fleet down with it: log it loudly and keep serving.
  process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`));
  // One shutdown, whatever signals come: a terminal's Ctrl-C (or systemd's SIGTERM to the group) reaches the api and
  // its launcher at once, and the launcher passes it on — a second signal must not kill the shutdown under way (the
  // SHUTDOWN_TIMEOUT_MS timer bounds it).
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return logger.log(`${signal}: already shutting down`);
    stopping = true;
    void shutdown(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

void bootstrap();
