import type { StaffIdentity } from '../services/staff-roles';

export interface TokenClaims extends StaffIdentity {
  /** Epoch ms after which the token is refused. */
  readonly expiresAt: number;
}

/** Issues and checks tamper-proof sign-in tokens. `verify` answers undefined for a forged or malformed token. */
export abstract class TokenSigner {
  abstract sign(claims: TokenClaims): Promise<string>;
  abstract verify(token: string): Promise<TokenClaims | undefined>;
}
