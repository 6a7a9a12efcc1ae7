import { createContext, useContext } from 'react';
import type { SignIn, StaffPermission } from '../api/contract';
import type { OpiekunApi } from '../api/opiekun-api';
import type { FacilityIndex } from '../facility/facility-index';
import type { FacilityRouter } from '../routing/facility-router';

export interface AppServices {
  readonly api: OpiekunApi;
  readonly facility: FacilityIndex;
  readonly router: FacilityRouter;
  readonly session: SignIn;
  readonly can: (permission: StaffPermission) => boolean;
  /** Task types under medication custody, as the api is configured (CUSTODY_TASK_TYPES): its prompts, waits and nurse-only buttons. */
  readonly custodyTypes: readonly string[];
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('AppContext missing');
  return services;
}
