import { ScryptPasswordHasher } from './scrypt-password.hasher';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher();

  it('stores a salted scrypt hash that verifies the password and nothing else', async () => {
    const stored = await hasher.hash('opiekun-nurse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('opiekun-nurse');
    expect(await hasher.verify('opiekun-nurse', stored)).toBe(true);
    expect(await hasher.verify('opiekun-Nurse', stored)).toBe(false);
    expect(await hasher.hash('opiekun-nurse')).not.toBe(stored);
  });

  it('refuses a stored value of another scheme', async () => {
    expect(await hasher.verify('x', 'md5$abc')).toBe(false);
  });
});
