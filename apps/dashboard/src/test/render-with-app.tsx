import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { SignIn, StaffPermission } from '../api/contract';
import type { OpiekunApi } from '../api/opiekun-api';
import { AppContext } from '../app/app-context';
import { FacilityIndex } from '../facility/facility-index';
import { createI18n } from '../i18n/i18n';
import { FacilityRouter } from '../routing/facility-router';
import { LiveStore } from '../state/live-store';
import { LiveStoreContext } from '../state/use-live';
import { ToastProvider } from '../ui/toasts';
import { smallFacility } from './fixtures';

const ALL: StaffPermission[] = ['task.create', 'task.cancel', 'alert.acknowledge', 'robot.pause', 'robot.resume', 'robot.charge', 'robot.service', 'fleet.stop', 'fleet.resume'];

/** Renders a component as the dashboard would, over a store the test fills and an api double it inspects. */
export function renderWithApp(ui: ReactElement, options: { api?: Partial<OpiekunApi>; permissions?: StaffPermission[]; language?: 'pl' | 'en'; role?: SignIn['user']['role']; custodyTypes?: readonly string[] } = {}) {
  const store = new LiveStore((flush) => flush());
  const facility = new FacilityIndex(smallFacility);
  const permissions = new Set(options.permissions ?? ALL);
  const session: SignIn = {
    token: 't',
    expiresAt: '2099-01-01T00:00:00Z',
    user: { id: 'u1', username: 'ewa', displayName: 'Ewa', role: options.role ?? 'nurse' },
    permissions: [...permissions],
  };
  const i18n = createI18n(options.language ?? 'pl');
  const services = { api: options.api as OpiekunApi, facility, router: new FacilityRouter(facility), session, can: (p: StaffPermission) => permissions.has(p), custodyTypes: options.custodyTypes ?? ['medication'] };
  const result = render(
    <I18nextProvider i18n={i18n}>
      <ToastProvider>
        <AppContext.Provider value={services}>
          <LiveStoreContext.Provider value={store}>{ui}</LiveStoreContext.Provider>
        </AppContext.Provider>
      </ToastProvider>
    </I18nextProvider>,
  );
  return { ...result, store, i18n };
}
