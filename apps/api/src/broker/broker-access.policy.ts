import { createHash, timingSafeEqual } from 'node:crypto';
import { passwordMatches, type StoredPassword } from './password-file';
import { isValidSerialNumber, isValidTopicLevel, parseTopic, Topic, vehicleOfUsername, vehicleUsername, type VehicleId } from '@opiekun/vda5050';

/** The username of the read-only login (MQTT_MONITOR_PASSWORD). */
export const MONITOR_USERNAME = 'monitor';

export interface MqttLogin {
  readonly username: string;
  readonly password: string;
}

/** Who may log in to the embedded broker (README, "MQTT access control"). */
export interface BrokerLogins {
  /** Master control: the api's own client. */
  readonly master: MqttLogin;
  /** The password every vehicle logs in with, as `{manufacturer}/{serialNumber}`; none: no vehicle can log in. */
  readonly vehiclePassword?: string;
  /** The password of the read-only login {@link MONITOR_USERNAME}; none: there is no such login. */
  readonly monitorPassword?: string;
  /**
   * Passwords of their own (MQTT_PASSWORD_FILE, a Mosquitto password file): a login it has a line for must give that
   * line's password, and the passwords above no longer open it (a vehicle with its own password cannot be logged in
   * as with the shared one).
   */
  readonly passwordFile?: PasswordLookup;
}

/** The password file as the policy uses it (password-file.ts, PasswordFile). */
export interface PasswordLookup {
  lookup(username: string): StoredPassword | undefined;
  /** What a login without a line costs, spent for nothing (see decoyFor). */
  decoyCheck(password: Buffer): Promise<void>;
  /** Stops watching the file. */
  close?(): void;
  /** Tells of the usernames whose line changed (PasswordFile.onChange). */
  onChange?(listener: (usernames: string[]) => void): () => void;
}

export type BrokerIdentity =
  | { readonly role: 'master' }
  | { readonly role: 'monitor' }
  | { readonly role: 'vehicle'; readonly vehicle: VehicleId };

/**
 * What the broker does with a PUBLISH: pass it on; drop it unseen (acknowledged as usual, as Mosquitto does with a
 * publish its ACL denies); or refuse it by closing the client's connection.
 */
export type PublishVerdict = 'forward' | 'drop' | 'refuse';

/** What master control publishes (orders, instant actions) and reads (everything vehicles publish). */
const MASTER_WRITES: ReadonlySet<string> = new Set([Topic.Order, Topic.InstantActions]);
const VEHICLE_WRITES: ReadonlySet<string> = new Set([Topic.State, Topic.Connection, Topic.Factsheet, Topic.Visualization]);
/**
 * A vehicle's client may subscribe to its whole prefix (`…/{manufacturer}/{serialNumber}/#` or `/+`) instead of naming
 * order and instantActions: some vendors' clients do, and such a filter can only match that vehicle's own topics.
 */
const OWN_PREFIX_WILDCARDS: ReadonlySet<string> = new Set(['#', '+']);

/**
 * The embedded broker's rules, after VDA 5050's topic layout (`{interface}/v2/{manufacturer}/{serialNumber}/{topic}`):
 * master control publishes orders and instant actions to any vehicle and reads what vehicles publish; a vehicle
 * publishes only its own state, connection (its last will too), factsheet and visualization (anything else under its
 * own prefix is dropped) and reads only its own topics (order and instant actions by name, or all of them with a
 * wildcard); the monitor reads everything and publishes nothing. Nobody else logs in.
 */
export class BrokerAccessPolicy {
  constructor(
    private readonly logins: BrokerLogins,
    private readonly interfaceName: string,
    private readonly majorVersion = 'v2',
  ) {}

  /**
   * Who a CONNECT's username and password say the client is; `undefined` when they match no login. The password file's
   * line for the username, when it has one, decides; otherwise the configured password of the username's role.
   */
  async identify(username: string | undefined, password: Buffer | undefined): Promise<BrokerIdentity | undefined> {
    if (username === undefined || password === undefined) return undefined;
    const identity = this.roleOf(username);
    const file = this.logins.passwordFile;
    const own = identity && file?.lookup(username);
    if (own) return (await passwordMatches(own, password)) ? identity : undefined;
    // about as long as a line's check: the time a refusal takes does not tell which logins have a password of their own
    if (file) await file.decoyCheck(password);
    if (!identity) return undefined;
    const { master, vehiclePassword, monitorPassword } = this.logins;
    const expected = identity.role === 'master' ? master.password : identity.role === 'monitor' ? monitorPassword : vehiclePassword;
    return expected !== undefined && samePassword(password, expected) ? identity : undefined;
  }

  /**
   * Tells `listener` of the logins whose own password changed, appeared or went (MQTT_PASSWORD_FILE) — those of
   * vehicles and the monitor: the api's own login is the configuration's, checked at start. Returns the function that
   * stops telling it.
   */
  onPasswordsChanged(listener: (identities: BrokerIdentity[]) => void): () => void {
    const file = this.logins.passwordFile;
    if (!file?.onChange) return () => undefined;
    return file.onChange((usernames) => {
      const identities = usernames.map((username) => this.roleOf(username)).filter((identity): identity is BrokerIdentity => identity !== undefined && identity.role !== 'master');
      if (identities.length > 0) listener(identities);
    });
  }

  /** Stops what the logins watch (the password file). */
  close(): void {
    this.logins.passwordFile?.close?.();
  }

  /** The role a username logs in as (its password aside); undefined for a username that is none of them. */
  roleOf(username: string): BrokerIdentity | undefined {
    if (username === this.logins.master.username) return { role: 'master' };
    if (username === MONITOR_USERNAME) return { role: 'monitor' };
    const vehicle = vehicleOfUsername(username);
    return vehicle ? { role: 'vehicle', vehicle } : undefined;
  }

  mayPublish(identity: BrokerIdentity, topic: string): boolean {
    const parsed = parseTopic(topic);
    if (!parsed || parsed.interfaceName !== this.interfaceName || parsed.majorVersion !== this.majorVersion) return false;
    switch (identity.role) {
      case 'master':
        return MASTER_WRITES.has(parsed.topic);
      case 'vehicle':
        return VEHICLE_WRITES.has(parsed.topic) && sameVehicle(parsed, identity.vehicle);
      case 'monitor':
        return false;
    }
  }

  /**
   * A vehicle's topic under its own prefix that is neither VDA 5050's nor master control's (a vendor's `…/diagnostics`)
   * speaks for no one else, so it is dropped: closing the connection would fire the vehicle's last will and show a
   * compliant vehicle as CONNECTIONBROKEN. Anything else not allowed is an attempt to command or impersonate.
   */
  publishVerdict(identity: BrokerIdentity, topic: string): PublishVerdict {
    if (this.mayPublish(identity, topic)) return 'forward';
    return identity.role === 'vehicle' && this.isVendorTopicOf(identity.vehicle, topic) ? 'drop' : 'refuse';
  }

  /** Whether a SUBSCRIBE topic filter is allowed; master control may use `+` for manufacturer and serial number. */
  maySubscribe(identity: BrokerIdentity, filter: string): boolean {
    if (identity.role === 'monitor') return true;
    const levels = filter.split('/');
    if (levels.length !== 5 || levels[0] !== this.interfaceName || levels[1] !== this.majorVersion) return false;
    const [, , manufacturer, serialNumber, topic] = levels;
    switch (identity.role) {
      case 'master':
        return VEHICLE_WRITES.has(topic) && (manufacturer === '+' || isValidTopicLevel(manufacturer)) && (serialNumber === '+' || isValidSerialNumber(serialNumber));
      case 'vehicle':
        return (MASTER_WRITES.has(topic) || OWN_PREFIX_WILDCARDS.has(topic)) && sameVehicle({ manufacturer, serialNumber }, identity.vehicle);
    }
  }

  private isVendorTopicOf(vehicle: VehicleId, topic: string): boolean {
    const prefix = `${this.interfaceName}/${this.majorVersion}/${vehicle.manufacturer}/${vehicle.serialNumber}/`;
    return topic.startsWith(prefix) && !MASTER_WRITES.has(topic.slice(prefix.length));
  }

  /** For log lines. */
  static describe(identity: BrokerIdentity | undefined): string {
    if (!identity) return 'not logged in';
    return identity.role === 'vehicle' ? `vehicle ${vehicleUsername(identity.vehicle)}` : identity.role;
  }
}

function sameVehicle(a: VehicleId, b: VehicleId): boolean {
  return a.manufacturer === b.manufacturer && a.serialNumber === b.serialNumber;
}

/** Compares digests in constant time, so the time a refusal takes says nothing about the password. */
function samePassword(given: Buffer, expected: string): boolean {
  const digest = (value: Buffer | string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
