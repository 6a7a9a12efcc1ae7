import { MemorySettingStore } from '../../../../../libs/application/src/services/dashboard-doubles.fixture';
import { HmacTokenSigner } from './hmac-token.signer';

const claims = { id: 'u1', username: 'ewa', displayName: 'Ewa', role: 'nurse' as const, expiresAt: 1_900_000_000_000 };

describe('HmacTokenSigner', () => {
  it('verifies its own tokens, also after a restart that shares the stored key', async () => {
    const settings = new MemorySettingStore();
    const token = await new HmacTokenSigner(settings).sign(claims);
    expect(await new HmacTokenSigner(settings).verify(token)).toEqual(claims);
  });

  it('refuses a changed payload, another key, and junk', async () => {
    const signer = new HmacTokenSigner(new MemorySettingStore());
    const token = await signer.sign(claims);
    const [, mac] = token.split('.');
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'manager' })).toString('base64url');
    expect(await signer.verify(`${promoted}.${mac}`)).toBeUndefined();
    expect(await new HmacTokenSigner(new MemorySettingStore()).verify(token)).toBeUndefined();
    expect(await signer.verify('not-a-token')).toBeUndefined();
    expect(await signer.verify(`${token}.extra`)).toBeUndefined();
  });
});
