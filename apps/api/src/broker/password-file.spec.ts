import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correctHorseLine } from '../../../../test/fixtures/mosquitto-lines';
import { decoyFor, parsePasswordFile, PasswordFile, passwordMatches } from './password-file';

/** Written by mosquitto_passwd 2.0.11 (Debian): SC-001 and monitor sha512-pbkdf2 ($7$, its default), SC-002 `-H sha512` ($6$). */
const FIXTURE = readFileSync(join(__dirname, '../../../../test/fixtures/mosquitto.passwd'), 'utf8');
const password = (text: string) => Buffer.from(text);
/** Lines mosquitto_passwd wrote for these passwords (another run, other salts). */
const SC_001 = 'SimCare/SC-001:$7$101$PLAh3DnTNM/GIYM+$6jhpguu88SAm7f9yNikO7yIt9yDvRi1qjYbasRmm8sSgr9MjnygqCvK4oTEdj4nCp7qjxNVdNqJtc87PcCVBBA==';
const OTHER_SALT = correctHorseLine('SimCare/SC-001');

describe('parsePasswordFile (Mosquitto password files)', () => {
  it('reads what mosquitto_passwd writes, both hashes, and checks passwords against them', async () => {
    const entries = parsePasswordFile(FIXTURE, 'fixture');
    expect([...entries.keys()]).toEqual(['SimCare/SC-001', 'SimCare/SC-002', 'monitor']);
    expect(entries.get('SimCare/SC-001')).toMatchObject({ scheme: 'sha512-pbkdf2', iterations: 101 });
    expect(entries.get('SimCare/SC-002')).toMatchObject({ scheme: 'sha512' });
    await expect(passwordMatches(entries.get('SimCare/SC-001')!, password('sc-001 own password'))).resolves.toBe(true);
    await expect(passwordMatches(entries.get('SimCare/SC-002')!, password('sc-002 own password'))).resolves.toBe(true);
    await expect(passwordMatches(entries.get('monitor')!, password('monitor file password'))).resolves.toBe(true);
    for (const wrong of ['sc-001 own passwor', 'sc-001 own password ', 'SC-001 OWN PASSWORD', '', 'sc-002 own password']) {
      await expect(passwordMatches(entries.get('SimCare/SC-001')!, password(wrong))).resolves.toBe(false);
    }
    await expect(passwordMatches(entries.get('SimCare/SC-002')!, password('sc-001 own password'))).resolves.toBe(false);
  });

  it('checks each line with its own salt (another line of mosquitto_passwd, another password)', async () => {
    const other = parsePasswordFile(OTHER_SALT, 'x').get('SimCare/SC-001')!;
    await expect(passwordMatches(other, password('correct horse battery'))).resolves.toBe(true);
    await expect(passwordMatches(other, password('sc-001 own password'))).resolves.toBe(false);
  });

  it('skips blank and comment lines, Windows line ends, a byte-order mark and blanks round the username and hash', () => {
    const entries = parsePasswordFile(`\uFEFF# vehicles of ward 2\r\n\r\n${SC_001}\r\n   \n`, 'x');
    expect([...entries.keys()]).toEqual(['SimCare/SC-001']);
    const [username, hash] = SC_001.split(':');
    const spaced = parsePasswordFile(`\uFEFF ${username} : ${hash} \t\n`, 'x');
    expect(spaced.get('SimCare/SC-001')).toEqual(entries.get('SimCare/SC-001'));
  });

  it('checks a login without a line against a decoy like the lines most common in the file, which nothing matches', async () => {
    expect(decoyFor(new Map())).toMatchObject({ scheme: 'sha512-pbkdf2', iterations: 101 });
    const lines = parsePasswordFile(`${SC_001}\n${OTHER_SALT.replace('SC-001', 'SC-005')}\nSimCare/SC-009:$7$5000$YeUJm7YGfq+hTIxQ$qB5dxWwmEvx1aSQBV/YooXm4VZpRsccot4Si1eewEc8fbA2aGXNPS3l5PFq4dYWJFT7n/vlQGszcfj54BbjjYA==`, 'x');
    const decoy = decoyFor(lines);
    expect(decoy).toMatchObject({ scheme: 'sha512-pbkdf2', iterations: 101 });
    expect(decoy.salt).toHaveLength(12);
    const slow = decoyFor(new Map([...lines].filter(([username]) => username === 'SimCare/SC-009')));
    expect(slow).toMatchObject({ scheme: 'sha512-pbkdf2', iterations: 5000 });
    expect(decoyFor(parsePasswordFile(FIXTURE, 'x'))).toMatchObject({ scheme: 'sha512-pbkdf2', iterations: 101 });
    for (const guess of ['', 'sc-001 own password', 'correct horse battery']) await expect(passwordMatches(decoy, password(guess))).resolves.toBe(false);
  });

  it.each([
    ['a plain-text password', 'SimCare/SC-001:secret', /x line 2 \("SimCare\/SC-001"\): not a hash \(a plain-text password\?\).*mosquitto_passwd -H sha512-pbkdf2/],
    ["Mosquitto 2.1's argon2id", 'SimCare/SC-001:$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA', /line 2 .*argon2id hash \(Mosquitto 2\.1\).*only sha512-pbkdf2 \(\$7\$\) and sha512 \(\$6\$\)/],
    ['an unknown scheme', 'SimCare/SC-001:$9$abc$def', /line 2 .*a "\$9\$" hash/],
    ['no colon', 'SimCare/SC-001', /line 2: expected "username:hash"/],
    ['an empty username', ':$6$c2FsdA==$aGFzaA==', /line 2: expected "username:hash"/],
    ['iterations that are no number', 'SimCare/SC-001:$7$many$c2FsdA==$aGFzaA==', /line 2 .*iterations "many" must be a whole number from 1 to 100000/],
    ['iterations beyond a bound', 'SimCare/SC-001:$7$99999999$c2FsdA==$aGFzaA==', /iterations "99999999" must be a whole number from 1 to 100000/],
    ['a salt that is not base64', 'SimCare/SC-001:$7$101$sa!t$aGFzaA==', /line 2 .*the salt is not base64/],
    ['an empty hash', 'SimCare/SC-001:$6$c2FsdA==$', /line 2 .*the hash is not base64/],
    // a hash cut short would compare a short key: one of a byte (or none) is guessed in a few hundred tries
    ['a $7$ hash cut short', SC_001.slice(0, SC_001.length - 60), /line 2 .*the hash is \d+ bytes, not the 64 of SHA-512/],
    ['a $7$ hash of one character', SC_001.replace(/\$[^$]+$/, '$A'), /line 2 .*the hash is empty/],
    ['a $6$ hash of 4 bytes', 'SimCare/SC-001:$6$c2FsdA==$aGFzaA==', /line 2 .*the hash is 4 bytes, not the 64/],
    ['an empty salt', 'SimCare/SC-001:$7$101$$' + 'A'.repeat(86) + '==', /line 2 .*the salt is not base64/],
    ['a salt of no bytes', 'SimCare/SC-001:$7$101$A$' + 'A'.repeat(86) + '==', /line 2 .*the salt is empty/],
    ['a username twice', `${SC_001}\n${OTHER_SALT}`, /line 3: "SimCare\/SC-001" has a line already/],
  ])('refuses %s, naming the line', (_case, line, message) => {
    expect(() => parsePasswordFile(`# first\n${line}`, 'x')).toThrow(message);
  });
});

describe('PasswordFile (on disk, read again when it changes)', () => {
  let folder: string;
  let path: string;
  /** Changes taken at the first look (the settling has its own case). */
  const at0 = { settleMs: 0 };
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'opiekun-passwd-'));
    path = join(folder, 'passwd');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses at start a file that cannot be read or does not parse, naming it', () => {
    expect(() => new PasswordFile(path)).toThrow(`MQTT_PASSWORD_FILE ${path} cannot be read: ENOENT`);
    writeFileSync(path, 'SimCare/SC-001:plain\n');
    expect(() => new PasswordFile(path)).toThrow(`MQTT_PASSWORD_FILE ${path} line 1 ("SimCare/SC-001"): not a hash`);
  });

  it('takes a new line, a changed or a removed one without a restart (the file replaced, as an editor saves it), and says so', () => {
    writeFileSync(path, `${SC_001}\n`);
    const read: string[] = [];
    const file = new PasswordFile(path, { ...at0, onRead: (line) => read.push(line) });
    expect(file.lookup('SimCare/SC-002')).toBeUndefined();
    const fixture = parsePasswordFile(FIXTURE, 'x');
    writeFileSync(join(folder, 'next'), FIXTURE);
    renameSync(join(folder, 'next'), path);
    expect(file.lookup('SimCare/SC-002')).toEqual(fixture.get('SimCare/SC-002'));
    writeFileSync(path, `${OTHER_SALT}\n`);
    expect(file.lookup('SimCare/SC-002')).toBeUndefined();
    expect(file.lookup('SimCare/SC-001')).toEqual(parsePasswordFile(OTHER_SALT, 'x').get('SimCare/SC-001'));
    expect(read).toEqual([`MQTT_PASSWORD_FILE ${path} read again: 3 logins with a password of their own`, `MQTT_PASSWORD_FILE ${path} read again: 1 login with a password of their own`]);
  });

  it('takes a change only once seen unchanged for settleMs: mosquitto_passwd empties the file and writes it again in place', () => {
    writeFileSync(path, FIXTURE);
    let now = 0;
    const file = new PasswordFile(path, { now: () => now, settleMs: 1_000 });
    const own = file.lookup('SimCare/SC-001');
    expect(own).toBeDefined();
    // emptied, as mosquitto_passwd does before it writes the lines back: the listed vehicles keep their line
    writeFileSync(path, '');
    now = 10_000;
    expect(file.lookup('SimCare/SC-001')).toEqual(own);
    now = 10_900;
    expect(file.lookup('SimCare/SC-001')).toEqual(own);
    // written again (one line of the three) before it settled: its own second starts
    writeFileSync(path, FIXTURE.split('\n')[0]! + '\n');
    now = 11_500;
    expect(file.lookup('SimCare/SC-002')).toBeDefined();
    now = 12_400;
    expect(file.lookup('SimCare/SC-002')).toBeDefined();
    now = 12_500;
    expect(file.lookup('SimCare/SC-002')).toBeUndefined();
    expect(file.lookup('SimCare/SC-001')).toEqual(own);
  });

  it("times the settling by its own clock: a file whose time is ahead (a file server's clock) is taken all the same", () => {
    writeFileSync(path, `${SC_001}\n`);
    let now = 0;
    const file = new PasswordFile(path, { now: () => now, settleMs: 1_000 });
    writeFileSync(path, FIXTURE);
    const anHourAhead = new Date(Date.now() + 3_600_000);
    utimesSync(path, anHourAhead, anHourAhead);
    expect(file.lookup('SimCare/SC-002')).toBeUndefined();
    now = 1_000;
    expect(file.lookup('SimCare/SC-002')).toBeDefined();
  });

  it('watches the file between logins, so an edit is taken and logged without a CONNECT', async () => {
    writeFileSync(path, `${SC_001}\n`);
    const read: string[] = [];
    const file = new PasswordFile(path, { ...at0, onRead: (line) => read.push(line) });
    file.watch(10);
    writeFileSync(path, FIXTURE);
    const deadline = Date.now() + 5_000;
    while (read.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    file.close();
    expect(read).toEqual([`MQTT_PASSWORD_FILE ${path} read again: 3 logins with a password of their own`]);
  });

  it('keeps the passwords read last when a change does not parse or the file goes, says so once, and takes it back', () => {
    writeFileSync(path, `${SC_001}\n`);
    const problems: string[] = [];
    const file = new PasswordFile(path, { ...at0, onProblem: (problem) => problems.push(problem) });
    const before = file.lookup('SimCare/SC-001');
    writeFileSync(path, `${SC_001}\nSimCare/SC-002:plain-text-password\n`);
    expect(file.lookup('SimCare/SC-001')).toEqual(before);
    expect(file.lookup('SimCare/SC-002')).toBeUndefined();
    expect(file.lookup('SimCare/SC-001')).toEqual(before);
    expect(problems).toEqual([expect.stringMatching(/line 2 \("SimCare\/SC-002"\): not a hash .*the file's change is not taken: logins go on with the passwords read last/)]);
    rmSync(path);
    expect(file.lookup('SimCare/SC-001')).toEqual(before);
    expect(file.lookup('SimCare/SC-001')).toEqual(before);
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/is gone: logins go on with the passwords read last/);
    writeFileSync(path, `# back\n${OTHER_SALT}\n`);
    expect(file.lookup('SimCare/SC-001')).not.toEqual(before);
    expect(file.usernames()).toEqual(['SimCare/SC-001']);
  });

  it('tries a file that cannot be read again at each look (not only once it changes), and says so once', () => {
    writeFileSync(path, `${SC_001}\n`);
    const problems: string[] = [];
    const file = new PasswordFile(path, { ...at0, onProblem: (problem) => problems.push(problem) });
    const before = file.lookup('SimCare/SC-001');
    // something in its place that cannot be read as a file (root reads whatever the mode says, so no chmod here)
    rmSync(path);
    mkdirSync(path);
    for (let i = 0; i < 3; i++) expect(file.lookup('SimCare/SC-001')).toEqual(before);
    expect(problems).toEqual([`MQTT_PASSWORD_FILE ${path} cannot be read: EISDIR: logins go on with the passwords read last`]);
    rmSync(path, { recursive: true });
    writeFileSync(path, FIXTURE);
    expect(file.lookup('SimCare/SC-002')).toBeDefined();
  });

  it('reads the file again when only its mode changed (ctime): the fix of a permission is taken', () => {
    writeFileSync(path, `${SC_001}\n`);
    const read: string[] = [];
    const file = new PasswordFile(path, { ...at0, onRead: (line) => read.push(line) });
    chmodSync(path, 0o600);
    file.lookup('SimCare/SC-001');
    expect(read).toEqual([`MQTT_PASSWORD_FILE ${path} read again: 1 login with a password of their own`]);
  });

  it('tells of the logins whose line a change added, altered or removed, once the change is taken', () => {
    writeFileSync(path, FIXTURE);
    const told: string[][] = [];
    const file = new PasswordFile(path, at0);
    const stop = file.onChange((usernames) => told.push(usernames));
    const [, sc002, monitor] = FIXTURE.split('\n');
    // SC-001 removed, SC-002 as it was, the monitor's line the same again, SC-007 new
    writeFileSync(path, `${sc002}\n${monitor}\n${OTHER_SALT.replace('SC-001', 'SC-007')}\n`);
    file.lookup('x');
    writeFileSync(path, `# only a comment more\n${sc002}\n${monitor}\n${OTHER_SALT.replace('SC-001', 'SC-007')}\n`);
    file.lookup('x');
    stop();
    writeFileSync(path, FIXTURE);
    file.lookup('x');
    expect(told).toEqual([['SimCare/SC-001', 'SimCare/SC-007']]);
  });

  it('names the lines nobody can log in with, at start and whenever the file is read again', () => {
    writeFileSync(path, `${SC_001}\n${OTHER_SALT.replace('SimCare/SC-001', 'grafana')}\n`);
    const problems: string[] = [];
    const knows = (username: string) => username.includes('/');
    const file = new PasswordFile(path, { ...at0, knows, onProblem: (problem) => problems.push(problem) });
    expect(problems).toEqual([`MQTT_PASSWORD_FILE ${path}: nobody can log in as "grafana" (neither the api's login, monitor, nor a vehicle's manufacturer/serialNumber)`]);
    // a vehicle's name written with a blank inside, added while running: it would log in with the shared password unseen
    writeFileSync(path, `${SC_001}\n${OTHER_SALT.replace('SimCare/SC-001', 'SimCare SC-003')}\n`);
    file.lookup('SimCare/SC-001');
    expect(problems[1]).toMatch(/nobody can log in as "SimCare SC-003"/);
  });
});
