import type { HandoverReport, Incident } from '@opiekun/domain';
import type { RequestKey } from './task-request-store.port';

/** Shift handover reports, one per ward and shift change; a signed one is never replaced. */
export abstract class HandoverStore {
  /** Inserts, or replaces an unsigned report of the same ward and shift end; answers what is stored. */
  abstract upsertDraft(report: HandoverReport): Promise<HandoverReport>;
  abstract get(id: string): Promise<HandoverReport | undefined>;
  /** Optimistic: fails with CARE_CONFLICT when the stored report's signatures are no longer those of `before`. */
  abstract saveSigned(report: HandoverReport, before: HandoverReport): Promise<void>;
  /** Newest shift first. */
  abstract list(wardId: string | undefined, limit: number): Promise<readonly HandoverReport[]>;
}

export interface IncidentQuery {
  readonly wardId?: string;
  readonly residentId?: string;
  /** Epoch ms, on occurredAt, inclusive. */
  readonly since?: number;
  readonly limit: number;
}

/** An incident as stored, with the fingerprint of the request whose key made it (none: no key, or stored before fingerprints were). */
export interface StoredIncident {
  readonly incident: Incident;
  readonly fingerprint?: string;
}

export abstract class IncidentStore {
  /**
   * Stores a new incident; with a request key, only when no incident holds that key yet (the database refuses a second
   * one): answers the incident stored under the key, which is this one or the one an earlier request made.
   */
  abstract insert(incident: Incident, request?: RequestKey): Promise<StoredIncident>;
  abstract get(id: string): Promise<Incident | undefined>;
  /** Newest first. */
  abstract list(query: IncidentQuery): Promise<readonly Incident[]>;
}
