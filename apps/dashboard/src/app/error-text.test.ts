import { ApiError } from '../api/http-client';
import { createI18n } from '../i18n/i18n';
import { errorText } from './error-text';

describe('errorText', () => {
  const { t } = createI18n('pl');

  it('tells a member of staff whose changed form was refused as sent before (Idempotency-Key reused) that the first one was recorded, in Polish', () => {
    const reused = new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key "k1" was used with a different request');
    expect(errorText(t, reused)).toMatch(/^Ten formularz został już wysłany i zapisany/);
  });

  it('words a lost connection and a refused role, and shows the api’s message otherwise', () => {
    expect(errorText(t, new ApiError(0, 'NETWORK', 'fetch failed'))).toMatch(/^Brak połączenia/);
    expect(errorText(t, new ApiError(403, 'FORBIDDEN', 'only a nurse…'))).toBe('Twoja rola nie pozwala na to działanie.');
    expect(errorText(t, new ApiError(422, 'NO_CAPABLE_ROBOT', 'no robot can do it'))).toContain('no robot can do it');
  });
});
