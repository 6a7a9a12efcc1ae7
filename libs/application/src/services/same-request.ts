import { DomainError, DomainErrorCode } from '@opiekun/domain';
import type { RequestKey } from '../ports/task-request-store.port';

/**
 * A key answers only the request it came with: replaying the first answer to another request would drop that one
 * unseen (a second resident's fall never recorded). A key stored before fingerprints were kept has none and still
 * replays.
 */
export function requireSameRequest(request: RequestKey, storedFingerprint: string | undefined): void {
  if (storedFingerprint !== undefined && storedFingerprint !== request.fingerprint) {
    throw new DomainError(DomainErrorCode.IdempotencyKeyReused, `Idempotency-Key ${request.key} was used with a different request`, 'Idempotency-Key');
  }
}
