import type { TFunction } from 'i18next';
import { ApiError } from '../api/http-client';

/** Words for a failed request: our own for the common cases, the api's message otherwise. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('common.networkError');
    if (error.status === 403) return t('common.forbidden');
    // a form sent again, changed, after its first answer was lost: the first one was recorded
    if (error.code === 'IDEMPOTENCY_KEY_REUSED') return t('common.alreadyRecorded');
    return t('common.error', { message: error.message });
  }
  return t('common.error', { message: (error as Error).message ?? String(error) });
}
