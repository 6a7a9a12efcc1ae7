import { DomainErrorCode } from '@opiekun/domain';
import { PasswordHasher } from '../ports/password-hasher.port';
import { TokenSigner, type TokenClaims } from '../ports/token-signer.port';
import { ManualClock, MemoryStaffUserStore } from './dashboard-doubles.fixture';
import { IdGenerator } from './id-generator';
import { StaffAuthService } from './staff-auth.service';

class PlainHasher extends PasswordHasher {
  async hash(password: string) {
    return `plain:${password}`;
  }
  async verify(password: string, stored: string) {
    return stored === `plain:${password}`;
  }
}

/** Signs by wrapping the claims; a token that is not one of ours does not verify. */
class WrappingSigner extends TokenSigner {
  async sign(claims: TokenClaims) {
    return `ok.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  }
  async verify(token: string) {
    return token.startsWith('ok.') ? (JSON.parse(Buffer.from(token.slice(3), 'base64url').toString()) as TokenClaims) : undefined;
  }
}

class Counter extends IdGenerator {
  private n = 0;
  next() {
    return `user-${++this.n}`;
  }
}

const staff = [
  { username: 'Anna', displayName: 'Anna Nowak', role: 'carer' as const, password: 'a-secret' },
  { username: 'piotr', displayName: 'Piotr', role: 'manager' as const, password: 'p-secret' },
];

function service() {
  const users = new MemoryStaffUserStore();
  const clock = new ManualClock();
  return { users, clock, auth: new StaffAuthService(users, new PlainHasher(), new WrappingSigner(), clock, new Counter()) };
}

describe('StaffAuthService', () => {
  it('seeds accounts only into an empty store, never storing the password itself', async () => {
    const { users, auth } = service();
    expect(await auth.seedWhenEmpty(staff)).toBe(2);
    expect(await auth.seedWhenEmpty(staff)).toBe(0);
    expect(users.users.map((u) => [u.username, u.role])).toEqual([
      ['anna', 'carer'],
      ['piotr', 'manager'],
    ]);
    expect(users.users.every((u) => !u.passwordHash.includes('secret') || u.passwordHash.startsWith('plain:'))).toBe(true);
  });

  it('signs in with the right password (username in any case) and gives the role its permissions', async () => {
    const { auth } = service();
    await auth.seedWhenEmpty(staff);
    const session = await auth.signIn(' ANNA ', 'a-secret');
    expect(session.user).toEqual({ id: 'user-1', username: 'anna', displayName: 'Anna Nowak', role: 'carer' });
    expect(session.permissions).toContain('fleet.stop');
    expect(session.permissions).not.toContain('fleet.resume');
    expect(await auth.authenticate(session.token)).toEqual(session.user);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const { auth } = service();
    await auth.seedWhenEmpty(staff);
    await expect(auth.signIn('anna', 'nope')).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated, message: 'wrong username or password' });
    await expect(auth.signIn('nobody', 'a-secret')).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated, message: 'wrong username or password' });
  });

  it('does the same work for an unknown username as for a wrong password: one hash check, so its time tells no names', async () => {
    class CountingHasher extends PlainHasher {
      hashed = 0;
      checkedAgainst: string[] = [];
      override async hash(password: string) {
        this.hashed += 1;
        return super.hash(password);
      }
      override async verify(password: string, stored: string) {
        this.checkedAgainst.push(stored);
        return super.verify(password, stored);
      }
    }
    const hasher = new CountingHasher();
    const auth = new StaffAuthService(new MemoryStaffUserStore(), hasher, new WrappingSigner(), new ManualClock(), new Counter());
    await auth.seedWhenEmpty(staff);
    const seeded = hasher.hashed;
    await expect(auth.signIn('nobody', 'a-secret')).rejects.toMatchObject({ message: 'wrong username or password' });
    await expect(auth.signIn('anna', 'nope')).rejects.toMatchObject({ message: 'wrong username or password' });
    await expect(auth.signIn('ghost', 'p-secret')).rejects.toMatchObject({ message: 'wrong username or password' });
    // each sign-in checked one hash; the unknown names a dummy the hasher made once (not on every attempt)
    expect(hasher.checkedAgainst).toHaveLength(3);
    expect(hasher.checkedAgainst[0]).toMatch(/^plain:/);
    expect(hasher.checkedAgainst[2]).toBe(hasher.checkedAgainst[0]);
    expect(hasher.hashed).toBe(seeded + 1);
    // a password equal to the dummy's lets nobody in
    await expect(auth.signIn('nobody', hasher.checkedAgainst[0]!.slice('plain:'.length))).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated });
  });

  it('refuses a missing, forged or expired token', async () => {
    const { auth, clock } = service();
    await auth.seedWhenEmpty(staff);
    const { token } = await auth.signIn('piotr', 'p-secret');
    await expect(auth.authenticate(undefined)).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated, message: 'sign in first' });
    // a token that was given but is not one of ours is not "sign in first": the caller did, with a bad token
    await expect(auth.authenticate('forged')).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated, message: 'the sign-in token is invalid or expired; sign in again' });
    clock.advance(12 * 3600_000);
    await expect(auth.authenticate(token)).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated, message: expect.stringContaining('expired') });
  });

  it('tells until when a token holds (a live connection ends then), and refuses as authenticate does', async () => {
    const { auth, clock } = service();
    await auth.seedWhenEmpty(staff);
    const { token, expiresAt } = await auth.signIn('piotr', 'p-secret');
    await expect(auth.session(token)).resolves.toEqual({ staff: { id: expect.any(String), username: 'piotr', displayName: 'Piotr', role: 'manager' }, expiresAt });
    clock.advance(12 * 3600_000);
    await expect(auth.session(token)).rejects.toMatchObject({ code: DomainErrorCode.Unauthenticated, message: expect.stringContaining('expired') });
  });
});
