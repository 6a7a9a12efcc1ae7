import { plainToInstance, Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, NotEquals, validateSync } from 'class-validator';
import { withoutUserInfo } from '@opiekun/vda5050';
import { closest, distance } from 'fastest-levenshtein';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBoolean = ({ value }: { value: unknown }) => (value === undefined ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item.length > 0) : value;

/** Environment variables, validated once at start-up (README, "Configuration"). */
export class EnvironmentVariables {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  PORT: number = 3000;

  @IsOptional() @IsString() @MinLength(1)
  HOST: string = '0.0.0.0';

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  MQTT_PORT: number = 1883;

  @IsOptional() @IsString() @MinLength(1)
  MQTT_HOST: string = '0.0.0.0';

  @IsOptional() @Matches(/^(mqtts?|wss?|tcp):\/\/[^\s]+$/, { message: 'MQTT_URL must look like mqtt://host:port' })
  MQTT_URL?: string;

  /**
   * The embedded broker (and `npm run broker`) lets in only the logins below, each limited to its own VDA 5050 topics
   * (README, "MQTT access control"). `false`: any client that reaches the port may publish anything (development only).
   */
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  MQTT_ACCESS_CONTROL: boolean = true;

  /** The api's own MQTT login (VDA 5050 master control), on the embedded broker and on an external one. */
  @IsOptional() @IsString() @Matches(/^[^/\s]{1,128}$/, { message: 'MQTT_MASTER_USERNAME must be 1–128 characters without / or spaces (a vehicle logs in as manufacturer/serial)' })
  @NotEquals('monitor', { message: 'MQTT_MASTER_USERNAME must not be "monitor" (the read-only login)' })
  MQTT_MASTER_USERNAME: string = 'opiekun';

  /** Its password. Embedded broker: a random one for each start when unset. External broker: sent only when set. */
  @IsOptional() @IsString() @MinLength(12, { message: 'MQTT_MASTER_PASSWORD must be at least 12 characters' })
  MQTT_MASTER_PASSWORD?: string;

  /**
   * The password vehicles log in with, each as `{manufacturer}/{serialNumber}`. Unset: a random one for each start,
   * given only to the simulated fleet the api starts, so no other vehicle can log in.
   */
  @IsOptional() @IsString() @MinLength(12, { message: 'MQTT_VEHICLE_PASSWORD must be at least 12 characters' })
  MQTT_VEHICLE_PASSWORD?: string;

  /** The password of the read-only login `monitor` (subscribes to everything, publishes nothing). Unset: no such login. */
  @IsOptional() @IsString() @MinLength(12, { message: 'MQTT_MONITOR_PASSWORD must be at least 12 characters' })
  MQTT_MONITOR_PASSWORD?: string;

  /**
   * A Mosquitto password file (`mosquitto_passwd`): a login it has a line for — a vehicle as
   * `{manufacturer}/{serialNumber}`, the monitor, the master — must give that line's password (embedded broker and
   * `npm run broker`). Read again when it changes.
   */
  @IsOptional() @IsString() @MinLength(1)
  MQTT_PASSWORD_FILE?: string;

  /** PEM certificate (chain) of the embedded broker's TLS listener (`mqtts://`); with MQTT_TLS_KEY_FILE. */
  @IsOptional() @IsString() @MinLength(1)
  MQTT_TLS_CERT_FILE?: string;

  /** PEM private key of that certificate. */
  @IsOptional() @IsString() @MinLength(1)
  MQTT_TLS_KEY_FILE?: string;

  /** Port of the embedded broker's TLS listener (when a certificate is configured). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  MQTT_TLS_PORT: number = 8883;

  /** Bind address of the TLS listener. */
  @IsOptional() @IsString() @MinLength(1)
  MQTT_TLS_HOST: string = '0.0.0.0';

  /**
   * PEM certificate(s) of the authority the api's MQTT client (and the simulated fleet it starts) trust besides
   * Node's default ones, for an `mqtts://` MQTT_URL whose broker has a certificate of the site's own authority.
   */
  @IsOptional() @IsString() @MinLength(1)
  MQTT_CA_FILE?: string;

  /** Node's own: a PEM file of authorities Node trusts besides its built-in ones (kept when MQTT_CA_FILE is set). */
  @IsOptional() @IsString()
  NODE_EXTRA_CA_CERTS?: string;

  @IsOptional() @IsString() @MinLength(1)
  DB_PATH: string = 'data/opiekun.sqlite';

  @IsOptional() @IsString() @MinLength(1)
  FACILITY_FILE: string = 'assets/facilities/mco-demo.json';

  /** Fleet for the simulator; used when it names the loaded facility. */
  @IsOptional() @IsString()
  SCENARIO_FILE: string = 'assets/scenarios/demo-day.json';

  /** Wards, residents and care plans a fresh database starts with (assets/care/FORMAT.md); `none` for none. */
  @IsOptional() @IsString() @MinLength(1)
  CARE_FILE: string = 'assets/care/mco-demo-care.json';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(2000)
  SIM_ROBOTS: number = 6;

  @IsOptional() @Transform(toInt) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.1) @Max(10000)
  SIM_TIME_SCALE: number = 1;

  /** A robot that is not registered over REST joins on its first valid message. */
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  FLEET_AUTO_REGISTER: boolean = true;

  @IsOptional() @IsIn(['debug', 'log', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'log' | 'warn' | 'error' = 'log';

  /**
   * Who may call the task endpoints and read the robots without signing in (integrations, scripts): `loopback`
   * (default) only programs on this machine — a request from elsewhere, or through a proxy (X-Forwarded-For), must
   * carry a staff token; `none` nobody; `any` anyone who reaches the port (a closed network only). Registering a robot
   * always needs a signed-in member, as every robot command does.
   */
  @IsOptional() @IsIn(['loopback', 'none', 'any'], { message: 'ANONYMOUS_ACCESS must be one of loopback, none, any' })
  ANONYMOUS_ACCESS: 'loopback' | 'none' | 'any' = 'loopback';

  /** A robot that sent nothing for this long counts as offline (VDA 5050 asks for a state at least every 30 s). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(500) @Max(3_600_000)
  ROBOT_SILENCE_MS: number = 60_000;

  /** How long an offline robot keeps its task (it may come back) before the task goes back to the queue or to staff. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000)
  ROBOT_LOST_GRACE_MS: number = 120_000;

  /** Task types a lost robot must not be left with (comma-separated): they go to staff with where it was, not back to the queue. */
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(64) @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { each: true, message: 'ATTENDED_TASK_TYPES must be task types separated by commas' })
  ATTENDED_TASK_TYPES: string[] = ['medication', 'lab-sample', 'medication-return'];

  /** Task types whose load is medication (comma-separated): loaded and handed over only by a nurse, each step in the custody log. */
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(64) @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { each: true, message: 'CUSTODY_TASK_TYPES must be task types separated by commas' })
  CUSTODY_TASK_TYPES: string[] = ['medication'];

  /** How long a robot waits at the room for a nurse to take the medication before it escalates and takes it back. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(86_400)
  HANDOVER_TIMEOUT_S: number = 600;

  /** VDA 5050 errorType / infoType values that, from a robot on a patrol, are findings: a stat alert to the room's ward (comma-separated). */
  @IsOptional() @Transform(toList) @IsArray() @ArrayMaxSize(64) @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { each: true, message: 'PATROL_FINDING_TYPES must be VDA 5050 error or info types separated by commas' })
  PATROL_FINDING_TYPES: string[] = ['fallDetected', 'patrolFinding'];

  /** The action a patrol robot does in each room (a camera action: rooms marked noCamera are left out). */
  @IsOptional() @IsString() @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { message: 'PATROL_CHECK_ACTION must be one action type' })
  PATROL_CHECK_ACTION: string = 'patrolCheck';

  /**
   * The first level of every VDA 5050 topic (`<interfaceName>/v2/<manufacturer>/<serialNumber>/<topic>`): project-specific
   * by the specification (§6.3); the simulated fleet started with the api uses it too.
   */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'MQTT_INTERFACE_NAME must be 1–64 letters, digits, _ or - (one MQTT topic level)' })
  MQTT_INTERFACE_NAME: string = 'uagv';

  /** Dispatch policy: `min-cost` (plans every round by minimum-cost assignment; default) or `earliest-finish` (v1, greedy). */
  @IsOptional() @IsIn(['min-cost', 'earliest-finish'])
  DISPATCH_POLICY: 'min-cost' | 'earliest-finish' = 'min-cost';

  /** Plan dispatch rounds in a worker thread (the built api), so a round never holds the event loop; `false` plans inline. */
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  DISPATCH_WORKER: boolean = true;

  /** How many robots may try a task before it goes to staff. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(20)
  TASK_MAX_ATTEMPTS: number = 3;

  /** An order a robot has not confirmed is sent again after this long… */
  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(600_000)
  ORDER_RESEND_MS: number = 2_000;

  /** …at most this many times while the robot is online, before the task goes to another robot. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100)
  ORDER_MAX_SENDS: number = 5;

  /** How long a database write waits for a lock held by another program before the request is refused (503). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(600_000)
  DB_BUSY_TIMEOUT_MS: number = 5_000;

  /** Largest HTTP request body accepted; larger ones get 413. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_240)
  HTTP_BODY_LIMIT_KB: number = 100;

  /** Largest MQTT message accepted from a robot; larger ones are counted and dropped unread. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(16_384)
  MQTT_MAX_MESSAGE_KB: number = 1_024;

  /** On SIGTERM, how long in-flight work may take before the process exits anyway. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  SHUTDOWN_TIMEOUT_MS: number = 10_000;
}

export type AppConfig = Readonly<EnvironmentVariables>;

export class ConfigError extends Error {}

/** Variables without a default (not own properties of a fresh EnvironmentVariables). */
const OPTIONAL_VARIABLES: ReadonlySet<string> = new Set(['MQTT_URL', 'MQTT_MASTER_PASSWORD', 'MQTT_VEHICLE_PASSWORD', 'MQTT_MONITOR_PASSWORD', 'MQTT_PASSWORD_FILE', 'MQTT_TLS_CERT_FILE', 'MQTT_TLS_KEY_FILE', 'MQTT_CA_FILE', 'NODE_EXTRA_CA_CERTS']);
/** Never written into an error message or a log. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['MQTT_MASTER_PASSWORD', 'MQTT_VEHICLE_PASSWORD', 'MQTT_MONITOR_PASSWORD']);
/** URLs that may carry a login (`mqtt://user:pass@host`): written without their user info. */
const URL_VARIABLES: ReadonlySet<string> = new Set(['MQTT_URL']);

/**
 * Kubernetes sets `MQTT_PORT=tcp://10.0.0.7:1883` in every container of a namespace with a Service named `mqtt`: the
 * refusal says where the value came from.
 */
function serviceLinkHint(variable: string, value: string | undefined): string {
  if (!variable.endsWith('PORT') || !/^tcp:\/\//.test(value ?? '')) return '';
  return ' (this looks like the variable Kubernetes sets for a Service of that name: set enableServiceLinks: false in the pod spec, or name the Service otherwise)';
}

function shown(variable: string, value: string | undefined): string {
  if (value === undefined) return JSON.stringify(value);
  if (SECRET_VARIABLES.has(variable)) return `(${value.length} characters, not shown)`;
  return JSON.stringify(URL_VARIABLES.has(variable) ? withoutUserInfo(value) : value);
}

/** The process's own environment, parsed (for command-line tools beside the api, such as the backup). */
export function environmentConfig(): AppConfig {
  return loadConfig(process.env);
}

/** Every setting the api reads. */
function knownVariables(): string[] {
  return [...Object.keys(new EnvironmentVariables()), ...OPTIONAL_VARIABLES];
}

/**
 * What Kubernetes puts in every container for each Service of its namespace (a Service named `mqtt`: MQTT_SERVICE_HOST,
 * MQTT_PORT_1883_TCP_ADDR… and MQTT_PORT=tcp://…) and Docker's legacy links (MQTT_NAME, MQTT_ENV_…): not meant for us.
 */
const PLATFORM_VARIABLE = /^[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?|NAME|ENV_[A-Z0-9_]+)$/;

/** Prefixes of settings only Opiekun uses (not NODE_, HTTP_, LOG_ or DB_, which other software sets too). */
const OUR_FAMILIES = ['MQTT_', 'SIM_', 'DISPATCH_', 'FLEET_', 'ROBOT_', 'ORDER_', 'TASK_', 'CUSTODY_', 'HANDOVER_', 'PATROL_', 'ATTENDED_', 'ANONYMOUS_', 'FACILITY_', 'SCENARIO_', 'CARE_'];

/**
 * Variables set in the environment that look meant for Opiekun but that it does not read: a name a letter or two off
 * one of its settings (`FACILTY_FILE`), or one in a family of its own (`MQTT_`, `SIM_`, `DISPATCH_`…) it has no
 * setting of. The setting then silently keeps its default, which is what an IT person would least expect; the api
 * warns at start, naming the setting meant when there is one near enough. Variables of other software go unnoticed.
 */
export function unreadVariables(env: Record<string, string | undefined>): Array<{ readonly variable: string; readonly meant?: string }> {
  const known = knownVariables();
  const found: Array<{ variable: string; meant?: string }> = [];
  for (const variable of Object.keys(env).sort()) {
    if (known.includes(variable) || !/^[A-Z][A-Z0-9_]*$/.test(variable) || PLATFORM_VARIABLE.test(variable)) continue;
    const meant = closest(variable, known);
    // two edits (a swap of two letters is two) for a name of eight letters or more, one below; none for PORT or HOST
    const near = variable.length >= 6 && distance(variable, meant) <= (variable.length >= 8 ? 2 : 1);
    const family = OUR_FAMILIES.some((prefix) => variable.startsWith(prefix));
    if (near) found.push({ variable, meant });
    else if (family) found.push({ variable });
  }
  return found;
}

/** Parses the environment; throws one error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = knownVariables();
  const relevant = Object.fromEntries(Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined && value !== ''));
  const config = plainToInstance(EnvironmentVariables, relevant);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${shown(e.property, env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}${serviceLinkHint(e.property, env[e.property])}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(config);
}
