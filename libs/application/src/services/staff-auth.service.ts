import { DomainError, DomainErrorCode } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from './id-generator';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { StaffUserStore } from '../ports/staff-user-store.port';
import type { TokenSigner } from '../ports/token-signer.port';
import { permissionsOf, type StaffIdentity, type StaffPermission, type StaffRole } from './staff-roles';

export interface SignedIn {
  readonly token: string;
  readonly expiresAt: number;
  readonly user: StaffIdentity;
  readonly permissions: readonly StaffPermission[];
}

export interface NewStaffUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly password: string;
}

/** A sign-in lasts one long shift. */
const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

const identity = ({ id, username, displayName, role }: StaffIdentity): StaffIdentity => ({ id, username, displayName, role });

/** What an unknown username's password is checked against; refused whatever it is (there is no user). */
const DUMMY_PASSWORD = 'no staff member has this password';

/** The dashboard's light staff sign-in: username + password, then a signed token on every request. */
export class StaffAuthService {
  /** A hash by the same hasher, made once: checking a password against it costs what checking a real one does. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: StaffUserStore,
    private readonly hasher: PasswordHasher,
    private readonly signer: TokenSigner,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async signIn(username: string, password: string): Promise<SignedIn> {
    // Awaited by every sign-in, so the first one costs the same whoever signs in.
    const dummy = await this.dummy();
    const user = await this.users.findByUsername(username.trim().toLowerCase());
    // The same answer for an unknown user and a wrong password, after the same work (one hash check), so names can
    // be probed neither by the answer nor by its time.
    const matches = await this.hasher.verify(password, user?.passwordHash ?? dummy);
    if (!user || !matches) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'wrong username or password', 'password');
    }
    const expiresAt = this.clock.now() + TOKEN_LIFETIME_MS;
    const token = await this.signer.sign({ ...identity(user), expiresAt });
    return { token, expiresAt, user: identity(user), permissions: permissionsOf(user.role) };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(DUMMY_PASSWORD).catch((error: unknown) => {
      this.dummyHash = undefined; // made again by the next sign-in
      throw error;
    });
    return this.dummyHash;
  }

  /** The identity a token proves, or UNAUTHENTICATED. */
  async authenticate(token: string | undefined): Promise<StaffIdentity> {
    return (await this.session(token)).staff;
  }

  /** The identity a token proves and until when (epoch ms), or UNAUTHENTICATED: a live connection lasts no longer. */
  async session(token: string | undefined): Promise<{ staff: StaffIdentity; expiresAt: number }> {
    if (!token) throw new DomainError(DomainErrorCode.Unauthenticated, 'sign in first', 'authorization');
    // Unreadable, forged, or signed with a key this database no longer has (e.g. restored from another installation).
    const claims = await this.signer.verify(token);
    if (!claims) throw new DomainError(DomainErrorCode.Unauthenticated, 'the sign-in token is invalid or expired; sign in again', 'authorization');
    if (claims.expiresAt <= this.clock.now()) {
      throw new DomainError(DomainErrorCode.Unauthenticated, 'the sign-in has expired; sign in again', 'authorization');
    }
    return { staff: identity(claims), expiresAt: claims.expiresAt };
  }

  describe(user: StaffIdentity): { user: StaffIdentity; permissions: readonly StaffPermission[] } {
    return { user: identity(user), permissions: permissionsOf(user.role) };
  }

  /** Creates the given accounts only when there are none yet (first start of a fresh database). */
  async seedWhenEmpty(users: readonly NewStaffUser[]): Promise<number> {
    if ((await this.users.count()) > 0) return 0;
    for (const user of users) {
      await this.users.insert({
        id: this.ids.next(),
        username: user.username.toLowerCase(),
        displayName: user.displayName,
        role: user.role,
        passwordHash: await this.hasher.hash(user.password),
        createdAt: this.clock.now(),
      });
    }
    return users.length;
  }
}
