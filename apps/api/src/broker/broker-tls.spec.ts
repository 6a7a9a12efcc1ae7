import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { loadConfig } from '../config/app-config';
import { brokerTls, trustedAuthorities } from './broker-tls';

/** A test authority and a broker certificate it signed, for localhost and 127.0.0.1 (openssl; valid until 2126). */
const TLS = join(__dirname, '../../../../test/fixtures/tls');
const CERT = join(TLS, 'broker.crt');
const KEY = join(TLS, 'broker.key');
const CA = join(TLS, 'ca.crt');

describe('brokerTls (MQTT_TLS_CERT_FILE, MQTT_TLS_KEY_FILE)', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'opiekun-tls-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is off unless configured, and listens on MQTT_TLS_PORT / MQTT_TLS_HOST when it is', () => {
    expect(brokerTls(loadConfig({}))).toBeUndefined();
    expect(brokerTls(loadConfig({ MQTT_TLS_CERT_FILE: CERT, MQTT_TLS_KEY_FILE: KEY }))).toMatchObject({ port: 8883, host: '0.0.0.0' });
    expect(brokerTls(loadConfig({ MQTT_TLS_CERT_FILE: CERT, MQTT_TLS_KEY_FILE: KEY, MQTT_TLS_PORT: '18883', MQTT_TLS_HOST: '127.0.0.1' }))).toMatchObject({ port: 18883, host: '127.0.0.1' });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a certificate without its key', { MQTT_TLS_CERT_FILE: CERT }, /MQTT_TLS_KEY_FILE must be set too/],
    ['a key without its certificate', { MQTT_TLS_KEY_FILE: KEY }, /MQTT_TLS_CERT_FILE must be set too/],
    ['a file that is not there', { MQTT_TLS_CERT_FILE: '/nonexistent/broker.crt', MQTT_TLS_KEY_FILE: KEY }, /MQTT_TLS_CERT_FILE=\/nonexistent\/broker.crt cannot be read: ENOENT/],
    ["the authority's certificate with the broker's key", { MQTT_TLS_CERT_FILE: CA, MQTT_TLS_KEY_FILE: KEY }, /do not make a TLS certificate: .*key values mismatch/],
    ['the files swapped', { MQTT_TLS_CERT_FILE: KEY, MQTT_TLS_KEY_FILE: CERT }, /do not make a TLS certificate/],
    ['the plain listener\'s port', { MQTT_TLS_CERT_FILE: CERT, MQTT_TLS_KEY_FILE: KEY, MQTT_TLS_PORT: '1883' }, /MQTT_TLS_PORT=1883 is MQTT_PORT too/],
    ['the HTTP port', { MQTT_TLS_CERT_FILE: CERT, MQTT_TLS_KEY_FILE: KEY, MQTT_TLS_PORT: '3000' }, /MQTT_TLS_PORT=3000 is PORT too/],
  ])('refuses %s, naming the variable', (_case, env, message) => {
    expect(() => brokerTls(loadConfig(env))).toThrow(message);
  });

  it('refuses a file that is not PEM', () => {
    const der = join(folder, 'broker.der');
    writeFileSync(der, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    expect(() => brokerTls(loadConfig({ MQTT_TLS_CERT_FILE: der, MQTT_TLS_KEY_FILE: KEY }))).toThrow(`MQTT_TLS_CERT_FILE=${der} is not a PEM file`);
  });
});

describe('trustedAuthorities (MQTT_CA_FILE)', () => {
  it('reads the authority, or nothing when unset', () => {
    expect(trustedAuthorities(loadConfig({}))).toBeUndefined();
    const trusted = trustedAuthorities(loadConfig({ MQTT_CA_FILE: CA, NODE_EXTRA_CA_CERTS: '' }))!;
    // the system's authorities stay trusted (Node's ca option would replace them): a public broker still verifies
    expect(trusted.slice(0, -1)).toEqual([...rootCertificates]);
    expect(trusted.at(-1)).toEqual(readFileSync(CA, 'utf8'));
    // …and NODE_EXTRA_CA_CERTS's, which Node would trust without MQTT_CA_FILE (skipped if it cannot be read, as Node does)
    const withExtra = trustedAuthorities(loadConfig({ MQTT_CA_FILE: CA, NODE_EXTRA_CA_CERTS: CERT }))!;
    expect(withExtra).toEqual([...rootCertificates, readFileSync(CERT, 'utf8'), readFileSync(CA, 'utf8')]);
    expect(trustedAuthorities(loadConfig({ MQTT_CA_FILE: CA, NODE_EXTRA_CA_CERTS: '/nonexistent/extra.pem' }))).toEqual(trusted);
  });

  it('refuses a file that holds no certificate', () => {
    expect(() => trustedAuthorities(loadConfig({ MQTT_CA_FILE: KEY }))).toThrow(/MQTT_CA_FILE=.*broker.key holds no certificate that can be trusted/);
    expect(() => trustedAuthorities(loadConfig({ MQTT_CA_FILE: '/nonexistent/ca.crt' }))).toThrow(/MQTT_CA_FILE=\/nonexistent\/ca.crt cannot be read: ENOENT/);
  });
});
