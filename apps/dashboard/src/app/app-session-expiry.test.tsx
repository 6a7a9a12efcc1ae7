import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/i18n';
import { App } from './app';

/**
 * The board signs out when its sign-in runs out, on its own timer: a ward computer that lost the network must not go on
 * showing residents' work (the api also ends the live connection then, but an offline board never hears it).
 */
describe('<App> at its sign-in’s expiry', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // the facility never arrives: the board stays where it is, offline as far as the page can tell
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => undefined)));
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('signs out at the expiry, with the notice, and not before', async () => {
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    localStorage.setItem('opiekun.session', JSON.stringify({ token: 't', expiresAt, user: { id: 'u1', username: 'ewa', displayName: 'Ewa', role: 'nurse' }, permissions: [] }));
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <App />
      </I18nextProvider>,
    );
    await act(async () => vi.advanceTimersByTime(59_000));
    expect(screen.queryByText('Your session has expired. Please sign in again.')).toBeNull();
    await act(async () => vi.advanceTimersByTime(1_000));
    expect(screen.getByText('Your session has expired. Please sign in again.')).toBeTruthy();
    expect(localStorage.getItem('opiekun.session')).toBeNull();
  });
});
