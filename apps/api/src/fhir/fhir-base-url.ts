import { DomainError, DomainErrorCode } from '@opiekun/domain';

/** What the base URL is made of: the request's protocol, its Host header, and the socket it came in on. */
export interface BaseUrlSource {
  readonly protocol: string;
  readonly host: string | undefined;
  readonly localAddress: string | undefined;
  readonly localPort: number | undefined;
}

const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
/** A host name (or an IPv4 address, which reads as one), or an IPv6 address in brackets; then an optional port. */
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?$`);

/**
 * The FHIR base the Bundle's links are built on: `<protocol>://<Host>/fhir`. A Host header that is no host (`a b`, a
 * path, a user info) is refused with 400 naming it — it made links that failed the FHIR uri check, a 500 — and a
 * request without one (HTTP/1.0) gets the address it reached the api on, not `http://undefined/fhir`.
 */
export function fhirBaseUrl(source: BaseUrlSource): string {
  // (an empty Host is what a client sends for a target without an authority: as good as none)
  return `${source.protocol}://${source.host === undefined || source.host === '' ? ownAddress(source) : checkedHost(source.host)}/fhir`;
}

function checkedHost(host: string): string {
  const match = host.length <= 260 ? HOST.exec(host) : null;
  const port = match?.[1] === undefined ? undefined : Number(match[1]);
  if (!match || (port !== undefined && (port < 1 || port > 65_535))) {
    throw new DomainError(DomainErrorCode.InvalidArgument, `Host: ${JSON.stringify(host.slice(0, 100))} is not a host name or IP address with an optional port`, 'host');
  }
  return host;
}

function ownAddress({ localAddress, localPort }: BaseUrlSource): string {
  const address = (localAddress ?? '127.0.0.1').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  const host = address.includes(':') ? `[${address}]` : address;
  return localPort === undefined ? host : `${host}:${localPort}`;
}
