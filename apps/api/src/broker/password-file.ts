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
/** A line as mosquitto_passwd 2.0 writes it by default, for no one (see decoyFor). */
const DEFAULT_DECOY: StoredPassword = { scheme: 'sha512-pbkdf2', iterations: 101, salt: Buffer.alloc(12), hash: Buffer.alloc(HASH_BYTES) };

/**
 * What a login without a line is checked against, so that a refusal takes about as long as a line's check and its
 * time does not tell which logins have a password of their own: the kind of line most common in the file (scheme,
 * iterations, salt length), for no password; mosquitto_passwd's default when the file has none.
 */
export function decoyFor(entries: ReadonlyMap<string, StoredPassword>): StoredPassword {
  const counts = new Map<string, { count: number; line: StoredPassword }>();
  for (const line of entries.values()) {
    const key = line.scheme === 'sha512' ? `6:${line.salt.length}` : `7:${line.iterations}:${line.salt.length}`;
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else counts.set(key, { count: 1, line });
  }
  let common: StoredPassword | undefined;
  let most = 0;
  for (const { count, line } of counts.values()) if (count > most) [common, most] = [line, count];
  if (!common) return DEFAULT_DECOY;
  return { ...common, salt: Buffer.alloc(common.salt.length), hash: Buffer.alloc(HASH_BYTES) };
}

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
    if (decoded.length === 0) throw new PasswordFileError(`${who}: the ${what} is empty`);
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


export interface PasswordFileOptions {
  /** Told of a change that is not taken, and of lines nobody can log in with; once per version of the file. */
  readonly onProblem?: (message: string) => void;
  /** Told when a changed file was taken (the broker's log: the IT people see their edit arrive). */
  readonly onRead?: (message: string) => void;
  /** Whether some client could log in as this username (the api's login, monitor, a vehicle's manufacturer/serial). */
  readonly knows?: (username: string) => boolean;
  /**
   * A changed file is taken only once this process has seen it unchanged for this long (and it did not change while it
   * was read): `mosquitto_passwd` empties the file and writes it again in place, and a login checked against the
   * half-written file would fall back to the shared password for every vehicle not yet written back. Timed by this
   * process's clock, not the file's modification time (a file server's clock may be ahead or behind).
   */
  readonly settleMs?: number;
  /** This process's clock, ms (monotonic by default). */
  readonly now?: () => number;
}

/**
 * A password file on disk, read again when it changes (its times, size or inode), so the IT people add, change or take
 * away a vehicle's password without a restart. A change is taken once the file has settled (`settleMs`); one that does
 * not parse is not taken, nor a file gone or unreadable: the logins go on with what was read last, and `onProblem` is
 * told once per version or problem (the broker's log). A file that cannot be read is tried again at each look.
 */
export class PasswordFile {
  private entries: Map<string, StoredPassword>;
  private decoyLine: StoredPassword;
  private version: string;
  /** A version that did not parse: not read again until the file changes. */
  private refusedVersion: string | undefined;
  /** A version seen but not yet taken, and since when (this process's clock). */
  private pending: { readonly version: string; readonly since: number } | undefined;
  /** The last problem reading the file (gone, not readable) that was logged: logged again only when it changes. */
  private readProblem: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changeListeners = new Set<(usernames: string[]) => void>();
  private readonly settleMs: number;
  private readonly now: () => number;

  /** @throws PasswordFileError when the file cannot be read or does not parse (at start: nothing runs with it). */
  constructor(
    readonly path: string,
    private readonly options: PasswordFileOptions = {},
  ) {
    this.settleMs = options.settleMs ?? 1_000;
    this.now = options.now ?? (() => performance.now());
    const stat = this.stat();
    this.version = stat ? versionOf(stat) : '';
    this.entries = this.read();
    this.decoyLine = decoyFor(this.entries);
    this.reportStrangers();
  }

  /** The stored password of a login; undefined when the file has no line for it. */
  lookup(username: string): StoredPassword | undefined {
    this.refresh();
    return this.entries.get(username);
  }

  /**
   * For a login the file has no line for: spends about what a line's check takes (decoyFor), and finds nothing.
   */
  async decoyCheck(password: Buffer): Promise<void> {
    await passwordMatches(this.decoyLine, password);
  }

  /**
   * Looks at the file every `everyMs` as well as at each login, so an edit is taken (and logged) soon after it settled,
   * not only at the next CONNECT. The timer does not keep the process alive; `close` stops it.
   */
  watch(everyMs = 1_000): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), everyMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Tells `listener` of the logins whose line a change that was taken added, altered or removed (the broker closes
   * their connections, so a changed or revoked password holds for connections already open too). Returns the function
   * that stops telling it.
   */
  onChange(listener: (usernames: string[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The usernames it has lines for, as last read. */
  usernames(): string[] {
    this.refresh();
    return [...this.entries.keys()];
  }

  private refresh(): void {
    const stat = this.stat();
    if (!stat) return this.readFailed('is gone');
    const version = versionOf(stat);
    if (version === this.version || version === this.refusedVersion) {
      this.pending = undefined;
      this.readProblem = undefined;
      return;
    }
    // still being written (or just written): the last passwords stand until it has been still for settleMs
    const now = this.now();
    if (this.pending?.version !== version) {
      this.pending = { version, since: now };
      if (this.settleMs > 0) return;
    }
    if (now - this.pending.since < this.settleMs) return;
    let entries: Map<string, StoredPassword>;
    try {
      entries = parsePasswordFile(readFileSync(this.path, 'utf8'), `MQTT_PASSWORD_FILE ${this.path}`);
    } catch (error) {
      const after = this.stat();
      // written meanwhile: what was read is not the file; looked at again later
      if (after && versionOf(after) !== version) return;
      if (!(error instanceof PasswordFileError)) return this.readFailed(`cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      this.refusedVersion = version;
      this.pending = undefined;
      this.options.onProblem?.(`${error.message} — the file's change is not taken: logins go on with the passwords read last`);
      return;
    }
    const after = this.stat();
    if (!after || versionOf(after) !== version) return;
    const changed = changedLogins(this.entries, entries);
    this.entries = entries;
    this.decoyLine = decoyFor(entries);
    this.version = version;
    this.refusedVersion = undefined;
    this.pending = undefined;
    this.readProblem = undefined;
    this.options.onRead?.(`MQTT_PASSWORD_FILE ${this.path} read again: ${entries.size} login${entries.size === 1 ? '' : 's'} with a password of their own`);
    this.reportStrangers();
    if (changed.length > 0) for (const listener of this.changeListeners) listener(changed);
  }

  /** The file is gone or cannot be read: the passwords read last stand, it is tried again, and said once per problem. */
  private readFailed(problem: string): void {
    if (this.readProblem !== problem) this.options.onProblem?.(`MQTT_PASSWORD_FILE ${this.path} ${problem}: logins go on with the passwords read last`);
    this.readProblem = problem;
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

/** Usernames whose line is new, gone or different (another hash, salt, scheme or count) between two reads. */
function changedLogins(before: ReadonlyMap<string, StoredPassword>, after: ReadonlyMap<string, StoredPassword>): string[] {
  const same = (a: StoredPassword, b: StoredPassword) =>
    a.scheme === b.scheme && a.hash.equals(b.hash) && a.salt.equals(b.salt) && (a.scheme === 'sha512' || a.iterations === (b as typeof a).iterations);
  const changed = [...before.keys()].filter((username) => !after.has(username) || !same(before.get(username)!, after.get(username)!));
  for (const username of after.keys()) if (!before.has(username)) changed.push(username);
  return changed;
}

/** What changes when the file does: its content (time, size), its replacement (inode), its mode or owner (ctime). */
function versionOf(stat: Stats): string {
  return `${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}:${stat.ino}`;
}
