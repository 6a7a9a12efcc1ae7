import { createHash, pbkdf2, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** A password as a Mosquitto password file stores it. */
export type StoredPassword =
  | { readonly scheme: 'sha512'; readonly salt: Buffer; readonly hash: Buffer }
  | { readonly scheme: 'sha512-pbkdf2'; readonly iterations: number; readonly salt: Buffer; readonly hash: Buffer };

export class PasswordFileError extends Error {}

/**
 * Iterations we accept in a `$7$` line: mosquitto_passwd writes 101. Anyone who knows a listed username can make the
 * broker derive a key per CONNECT; at this bound that is about 0.1 s of a thread-pool thread, not seconds.
 */
const MAX_ITERATIONS = 100_000;
/** Bytes of a SHA-512 digest: the length Mosquitto writes and compares, so a shorter hash is a broken line. */
const HASH_BYTES = 64;
/** A line mosquitto_passwd writes for no one: checked for a username without a line, so both take the same time. */
const DECOY: StoredPassword = { scheme: 'sha512-pbkdf2', iterations: 101, salt: Buffer.alloc(12), hash: Buffer.alloc(HASH_BYTES) };

/**
 * A Mosquitto password file (`mosquitto_passwd`, Mosquitto 1.6 and 2.0): one `username:hash` a line, the hash
 * `$6$salt$hash` (SHA-512 of the password and the salt) or `$7$iterations$salt$hash` (PBKDF2-HMAC-SHA512, the default
 * of Mosquitto 2.0), salt and hash in base64, the hash 64 bytes. Blank lines and lines starting with `#` are skipped;
 * blanks round the username and the hash, and a byte-order mark, are dropped (as Mosquitto does). Anything else — a
 * plain-text password, Mosquitto 2.1's argon2id (Node 20 has no argon2), a short hash, a username twice — is refused
 * with its line.
 * @throws PasswordFileError naming the file, the line and the problem.
 */
export function parsePasswordFile(text: string, source: string): Map<string, StoredPassword> {
  const entries = new Map<string, StoredPassword>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${source} line ${index + 1}`;
    const colon = line.indexOf(':');
    const username = line.slice(0, Math.max(colon, 0)).trim();
    if (colon < 0 || username === '') throw new PasswordFileError(`${where}: expected "username:hash" as mosquitto_passwd writes it`);
    if (entries.has(username)) throw new PasswordFileError(`${where}: "${username.slice(0, 100)}" has a line already (one line per login)`);
    entries.set(username, storedPassword(line.slice(colon + 1).trim(), where, username));
  }
  return entries;
}

function storedPassword(text: string, where: string, username: string): StoredPassword {
  const parts = text.split('$');
  const who = `${where} ("${username.slice(0, 100)}")`;
  const base64 = (value: string | undefined, what: string, bytes?: number): Buffer => {
    if (!value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new PasswordFileError(`${who}: the ${what} is not base64`);
    const decoded = Buffer.from(value, 'base64');
    if (bytes !== undefined && decoded.length !== bytes) throw new PasswordFileError(`${who}: the ${what} is ${decoded.length} bytes, not the ${bytes} of SHA-512 (a line cut short?)`);
    return decoded;
  };
  if (parts[0] === '' && parts[1] === '6' && parts.length === 4) {
    return { scheme: 'sha512', salt: base64(parts[2], 'salt'), hash: base64(parts[3], 'hash', HASH_BYTES) };
  }
  if (parts[0] === '' && parts[1] === '7' && parts.length === 5) {
    const iterations = Number(parts[2]);
    if (!/^\d+$/.test(parts[2]!) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new PasswordFileError(`${who}: iterations "${parts[2]!.slice(0, 20)}" must be a whole number from 1 to ${MAX_ITERATIONS}`);
    }
    return { scheme: 'sha512-pbkdf2', iterations, salt: base64(parts[3], 'salt'), hash: base64(parts[4], 'hash', HASH_BYTES) };
  }
  const hashed = parts[0] === '' && parts.length > 2;
  const argon = hashed && (parts[1]!.startsWith('argon2') || parts[1] === '8');
  const kind = argon ? 'an argon2id hash (Mosquitto 2.1)' : hashed ? `a "$${parts[1]!.slice(0, 10)}$" hash` : 'not a hash (a plain-text password?)';
  throw new PasswordFileError(`${who}: ${kind}; only sha512-pbkdf2 ($7$) and sha512 ($6$) are read — write it with ` + '`mosquitto_passwd -H sha512-pbkdf2 FILE USERNAME`');
}

/** Whether `password` is the one stored (in constant time for a given hash: the time says nothing about the guess). */
export async function passwordMatches(stored: StoredPassword, password: Buffer): Promise<boolean> {
  const derived =
    stored.scheme === 'sha512'
      ? createHash('sha512').update(password).update(stored.salt).digest()
      : await pbkdf2Async(password, stored.salt, stored.iterations, HASH_BYTES, 'sha512');
  return derived.length === stored.hash.length && timingSafeEqual(derived, stored.hash);
}

/** Spends what checking a mosquitto_passwd line takes, for a login the file has no line for (see PasswordFile.lookup). */
export async function decoyCheck(password: Buffer): Promise<void> {
  await passwordMatches(DECOY, password);
}

export interface PasswordFileOptions {
  /** Told of a change that is not taken, and of lines nobody can log in with; once per version of the file. */
  readonly onProblem?: (message: string) => void;
  /** Told when a changed file was taken (the broker's log: the IT people see their edit arrive). */
  readonly onRead?: (message: string) => void;
  /** Whether some client could log in as this username (the api's login, monitor, a vehicle's manufacturer/serial). */
  readonly knows?: (username: string) => boolean;
  /**
   * A changed file is taken only once it has not changed for this long (and did not change while it was read):
   * `mosquitto_passwd` empties the file and writes it again in place, and a login checked against the half-written
   * file would fall back to the shared password for every vehicle not yet written back.
   */
  readonly settleMs?: number;
  readonly now?: () => number;
}

/**
 * A password file on disk, read again when it changes (its modification time, size or inode), so the IT people add,
 * change or take away a vehicle's password without a restart. A change is taken once the file has settled
 * (`settleMs`); one that does not parse is not taken: the logins go on with what was read last, and `onProblem` is
 * told once per version of the file (the broker's log).
 */
export class PasswordFile {
  private entries: Map<string, StoredPassword>;
  private version: string;
  private refusedVersion: string | undefined;
  private readonly settleMs: number;
  private readonly now: () => number;

  /** @throws PasswordFileError when the file cannot be read or does not parse (at start: nothing runs with it). */
  constructor(
    readonly path: string,
    private readonly options: PasswordFileOptions = {},
  ) {
    this.settleMs = options.settleMs ?? 1_000;
    this.now = options.now ?? Date.now;
    const stat = this.stat();
    this.version = stat ? versionOf(stat) : '';
    this.entries = this.read();
    this.reportStrangers();
  }

  /** The stored password of a login; undefined when the file has no line for it. */
  lookup(username: string): StoredPassword | undefined {
    this.refresh();
    return this.entries.get(username);
  }

  /**
   * Looks at the file every `everyMs` as well as at each login, so an edit is taken (and logged) soon after it settled,
   * not only at the next CONNECT. Returns the function that stops it; the timer does not keep the process alive.
   */
  watch(everyMs = 1_000): () => void {
    const timer = setInterval(() => this.refresh(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The usernames it has lines for, as last read. */
  usernames(): string[] {
    this.refresh();
    return [...this.entries.keys()];
  }

  private refresh(): void {
    const stat = this.stat();
    if (!stat) {
      if (this.refusedVersion !== 'missing') this.options.onProblem?.(`MQTT_PASSWORD_FILE ${this.path} cannot be read any more: logins go on with the passwords read last`);
      this.refusedVersion = 'missing';
      return;
    }
    const version = versionOf(stat);
    if (version === this.version || version === this.refusedVersion) return;
    // still being written (or just written): the last passwords stand until it has settled
    if (this.now() - stat.mtimeMs < this.settleMs) return;
    try {
      const entries = this.read();
      const after = this.stat();
      if (!after || versionOf(after) !== version) return;
      this.entries = entries;
      this.version = version;
      this.refusedVersion = undefined;
      this.options.onRead?.(`MQTT_PASSWORD_FILE ${this.path} read again: ${entries.size} login${entries.size === 1 ? '' : 's'} with a password of their own`);
      this.reportStrangers();
    } catch (error) {
      this.refusedVersion = version;
      this.options.onProblem?.(`${(error as Error).message} — the file's change is not taken: logins go on with the passwords read last`);
    }
  }

  private reportStrangers(): void {
    const { knows, onProblem } = this.options;
    if (!knows || !onProblem) return;
    const strangers = [...this.entries.keys()].filter((username) => !knows(username));
    if (strangers.length === 0) return;
    const names = strangers.slice(0, 10).map((username) => `"${username.slice(0, 100)}"`).join(', ');
    onProblem(`MQTT_PASSWORD_FILE ${this.path}: nobody can log in as ${names}${strangers.length > 10 ? ` and ${strangers.length - 10} more` : ''} (neither the api's login, monitor, nor a vehicle's manufacturer/serialNumber)`);
  }

  private read(): Map<string, StoredPassword> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      throw new PasswordFileError(`MQTT_PASSWORD_FILE ${this.path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return parsePasswordFile(text, `MQTT_PASSWORD_FILE ${this.path}`);
  }

  private stat(): Stats | undefined {
    try {
      return statSync(this.path);
    } catch {
      return undefined;
    }
  }
}

function versionOf(stat: Stats): string {
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}
