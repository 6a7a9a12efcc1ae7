import { createHash, pbkdf2, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** A password as a Mosquitto password file stores it. */
export type StoredPassword =
  | { readonly scheme: 'sha512'; readonly salt: Buffer; readonly hash: Buffer }
  | { readonly scheme: 'sha512-pbkdf2'; readonly iterations: number; readonly salt: Buffer; readonly hash: Buffer };

export class PasswordFileError extends Error {}

/** Iterations we accept in a `$7$` line: mosquitto_passwd writes 101; beyond this a login would take seconds of CPU. */
const MAX_ITERATIONS = 1_000_000;

/**
 * A Mosquitto password file (`mosquitto_passwd`, Mosquitto 1.6 and 2.0): one `username:hash` a line, the hash
 * `$6$salt$hash` (SHA-512 of the password and the salt) or `$7$iterations$salt$hash` (PBKDF2-HMAC-SHA512, the default
 * of Mosquitto 2.0), salt and hash in base64. Blank lines and lines starting with `#` are skipped. Anything else —
 * a plain-text password, Mosquitto 2.1's argon2id (Node 20 has no argon2), a username twice — is refused with its line.
 * @throws PasswordFileError naming the file, the line and the problem.
 */
export function parsePasswordFile(text: string, source: string): Map<string, StoredPassword> {
  const entries = new Map<string, StoredPassword>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const where = `${source} line ${index + 1}`;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new PasswordFileError(`${where}: expected "username:hash" as mosquitto_passwd writes it`);
    const username = line.slice(0, colon);
    if (entries.has(username)) throw new PasswordFileError(`${where}: "${username.slice(0, 100)}" has a line already (one line per login)`);
    entries.set(username, storedPassword(line.slice(colon + 1), where, username));
  }
  return entries;
}

function storedPassword(text: string, where: string, username: string): StoredPassword {
  const parts = text.split('$');
  const base64 = (value: string | undefined, what: string): Buffer => {
    if (!value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new PasswordFileError(`${where} ("${username.slice(0, 100)}"): the ${what} is not base64`);
    return Buffer.from(value, 'base64');
  };
  if (parts[0] === '' && parts[1] === '6' && parts.length === 4) {
    return { scheme: 'sha512', salt: base64(parts[2], 'salt'), hash: base64(parts[3], 'hash') };
  }
  if (parts[0] === '' && parts[1] === '7' && parts.length === 5) {
    const iterations = Number(parts[2]);
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new PasswordFileError(`${where} ("${username.slice(0, 100)}"): iterations "${parts[2]!.slice(0, 20)}" must be a whole number from 1 to ${MAX_ITERATIONS}`);
    }
    return { scheme: 'sha512-pbkdf2', iterations, salt: base64(parts[3], 'salt'), hash: base64(parts[4], 'hash') };
  }
  const hashed = parts[0] === '' && parts.length > 2;
  const argon = hashed && (parts[1]!.startsWith('argon2') || parts[1] === '8');
  const kind = argon ? 'an argon2id hash (Mosquitto 2.1)' : hashed ? `a "$${parts[1]!.slice(0, 10)}$" hash` : 'not a hash (a plain-text password?)';
  throw new PasswordFileError(
    `${where} ("${username.slice(0, 100)}"): ${kind}; only sha512-pbkdf2 ($7$) and sha512 ($6$) are read — write it with ` + '`mosquitto_passwd -H sha512-pbkdf2 FILE USERNAME`',
  );
}

/** Whether `password` is the one stored (in constant time for a given hash: the time says nothing about the guess). */
export async function passwordMatches(stored: StoredPassword, password: Buffer): Promise<boolean> {
  const derived =
    stored.scheme === 'sha512'
      ? createHash('sha512').update(password).update(stored.salt).digest()
      : await pbkdf2Async(password, stored.salt, stored.iterations, stored.hash.length, 'sha512');
  return derived.length === stored.hash.length && timingSafeEqual(derived, stored.hash);
}

/**
 * A password file on disk, read again when it changes (its modification time or size), so the IT people add, change
 * or take away a vehicle's password without a restart. A change that does not parse is not taken: the logins go on
 * with what was read last, and `onProblem` is told once per version of the file (the broker's log).
 */
export class PasswordFile {
  private entries: Map<string, StoredPassword>;
  private version: string;
  private refusedVersion: string | undefined;

  /** @throws PasswordFileError when the file cannot be read or does not parse (at start: nothing runs with it). */
  constructor(
    readonly path: string,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {
    this.version = this.versionNow() ?? '';
    this.entries = this.read();
  }

  /** The stored password of a login; undefined when the file has no line for it. */
  lookup(username: string): StoredPassword | undefined {
    this.refresh();
    return this.entries.get(username);
  }

  /** The usernames it has lines for, as last read. */
  usernames(): string[] {
    this.refresh();
    return [...this.entries.keys()];
  }

  private refresh(): void {
    const version = this.versionNow();
    if (version === undefined) {
      if (this.refusedVersion !== 'missing') this.onProblem(`MQTT_PASSWORD_FILE ${this.path} cannot be read any more: logins go on with the passwords read last`);
      this.refusedVersion = 'missing';
      return;
    }
    if (version === this.version || version === this.refusedVersion) return;
    try {
      this.entries = this.read();
      this.version = version;
      this.refusedVersion = undefined;
    } catch (error) {
      this.refusedVersion = version;
      this.onProblem(`${(error as Error).message} — the file's change is not taken: logins go on with the passwords read last`);
    }
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

  private versionNow(): string | undefined {
    try {
      const stat = statSync(this.path);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return undefined;
    }
  }
}
