import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { withSiteAuthority } from '@opiekun/vda5050';
import { ConfigError, type AppConfig } from '../config/app-config';

/** The embedded broker's TLS listener: where, and the certificate it shows. */
export interface BrokerTls {
  readonly port: number;
  readonly host: string;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * The TLS listener MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE ask for (both or neither), its files read and tried as a
 * pair before anything starts; undefined when neither is set.
 * @throws ConfigError naming the variable and what is wrong with its file.
 */
export function brokerTls(config: AppConfig): BrokerTls | undefined {
  const { MQTT_TLS_CERT_FILE: certFile, MQTT_TLS_KEY_FILE: keyFile } = config;
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) {
    const missing = certFile === undefined ? 'MQTT_TLS_CERT_FILE' : 'MQTT_TLS_KEY_FILE';
    throw new ConfigError(`Invalid configuration:\n  ${missing} must be set too: the broker's TLS listener needs a certificate and its private key`);
  }
  const cert = readPem('MQTT_TLS_CERT_FILE', certFile);
  const key = readPem('MQTT_TLS_KEY_FILE', keyFile);
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  MQTT_TLS_CERT_FILE=${certFile} and MQTT_TLS_KEY_FILE=${keyFile} do not make a TLS certificate: ${(error as Error).message}`);
  }
  for (const [variable, port] of [['MQTT_PORT', config.MQTT_PORT], ['PORT', config.PORT]] as const) {
    if (port === config.MQTT_TLS_PORT) throw new ConfigError(`Invalid configuration:\n  MQTT_TLS_PORT=${port} is ${variable} too: the TLS listener needs a port of its own (8883 is MQTT over TLS's)`);
  }
  return { port: config.MQTT_TLS_PORT, host: config.MQTT_TLS_HOST, cert, key };
}

/**
 * What the api's MQTT client trusts with MQTT_CA_FILE set: Node's built-in authorities, those of NODE_EXTRA_CA_CERTS
 * (when it can be read, as Node itself does) and the file's — Node's `ca` option replaces the default list, so they are
 * given together; undefined when unset (Node's defaults).
 * @throws ConfigError when the file cannot be read or holds no certificate.
 */
export function trustedAuthorities(config: AppConfig): string[] | undefined {
  if (config.MQTT_CA_FILE === undefined) return undefined;
  const ca = readPem('MQTT_CA_FILE', config.MQTT_CA_FILE);
  try {
    new X509Certificate(ca);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  MQTT_CA_FILE=${config.MQTT_CA_FILE} holds no certificate that can be trusted: ${(error as Error).message}`);
  }
  return withSiteAuthority(ca.toString('utf8'), config.NODE_EXTRA_CA_CERTS);
}

function readPem(variable: string, path: string): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${variable}=${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!content.includes('-----BEGIN ')) throw new ConfigError(`Invalid configuration:\n  ${variable}=${path} is not a PEM file (no "-----BEGIN" line)`);
  return content;
}
