import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { STAFF_ROLES, TokenSigner, type SettingStore, type TokenClaims } from '@opiekun/application';

const KEY_SETTING = 'auth.token-key';

function isClaims(value: unknown): value is TokenClaims {
  const c = value as Partial<TokenClaims> | null;
  return (
    typeof c === 'object' && c !== null &&
    typeof c.id === 'string' && typeof c.username === 'string' && typeof c.displayName === 'string' &&
    typeof c.expiresAt === 'number' && (STAFF_ROLES as readonly string[]).includes(c.role as string)
  );
}

/**
 * `base64url(claims).base64url(HMAC-SHA256)`. The key is made on first use and kept in the database, so sign-ins
 * survive a restart and every api instance sharing the database accepts them.
 */
export class HmacTokenSigner extends TokenSigner {
  private key?: Promise<Buffer>;

  constructor(private readonly settings: SettingStore) {
    super();
  }

  async sign(claims: TokenClaims): Promise<string> {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${await this.mac(body)}`;
  }

  async verify(token: string): Promise<TokenClaims | undefined> {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(await this.mac(body), 'base64url');
    const actual = Buffer.from(mac, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      return isClaims(claims) ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private async mac(body: string): Promise<string> {
    return createHmac('sha256', await this.signingKey()).update(body).digest('base64url');
  }

  private signingKey(): Promise<Buffer> {
    this.key ??= (async () => {
      const saved = await this.settings.get(KEY_SETTING);
      if (saved) return Buffer.from(saved, 'base64');
      const key = randomBytes(32);
      await this.settings.put(KEY_SETTING, key.toString('base64'));
      return key;
    })();
    return this.key;
  }
}
