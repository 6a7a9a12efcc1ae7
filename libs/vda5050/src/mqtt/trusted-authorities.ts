import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/**
 * The `ca` option for an MQTT client that must also trust a site's own authority (`pem`): Node's `ca` replaces the
 * authorities Node trusts by default, so they are given with it — Node's built-in ones and those of
 * NODE_EXTRA_CA_CERTS (`extraFile`; skipped when it cannot be read, as Node itself skips it).
 */
export function withSiteAuthority(pem: string, extraFile: string | undefined): string[] {
  let extra: string[];
  try {
    extra = extraFile ? [readFileSync(extraFile, 'utf8')] : [];
  } catch {
    extra = [];
  }
  return [...rootCertificates, ...extra, pem];
}
