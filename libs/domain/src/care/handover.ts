import { DomainError, DomainErrorCode } from '../shared/domain-error';

/** What the outgoing shift hands over for a ward; a snapshot, kept as signed. */
export interface HandoverContent {
  /** Open tasks the incoming shift will meet (they may start before it ends), soonest first. */
  readonly openTasks: readonly { id: string; type: string; status: string; priority: string; performer: 'robot' | 'staff'; residentId?: string; roomNode?: string; earliestStart?: number; deadline?: number }[];
  readonly escalations: readonly { taskId: string; type: string; reason: string; at: number; detail?: string }[];
  /**
   * The ward's alerts of the shift. `message` is the api's English detail; the robot and the task (its type, where it
   * happens, why it went to staff) are kept too, so the report can be worded in the staff's language as it stood when
   * generated. Reports generated before these were kept have `message` only.
   */
  readonly alerts: readonly HandoverAlert[];
  readonly residentsWithIncidents: readonly { residentId: string; incidents: readonly { id: string; kind: string; occurredAt: number }[] }[];
}

export interface HandoverAlert {
  readonly id: string;
  readonly kind: string;
  readonly severity: string;
  readonly at: number;
  readonly message: string;
  readonly roomId?: string;
  readonly acknowledged: boolean;
  readonly robotId?: string;
  readonly task?: { readonly id: string; readonly type: string; readonly placeNode?: string; readonly escalationReason?: string };
}

export interface HandoverSignature {
  readonly staffId: string;
  readonly displayName: string;
  /** Epoch ms. */
  readonly at: number;
}

export interface HandoverReport {
  readonly id: string;
  readonly wardId: string;
  /** Epoch ms: the shift change it is for. */
  readonly shiftStart: number;
  readonly shiftEnd: number;
  readonly generatedAt: number;
  readonly content: HandoverContent;
  /** The outgoing nurse reviewed and signed it; then the incoming one. Both: it is kept as it is. */
  readonly outgoing?: HandoverSignature;
  readonly incoming?: HandoverSignature;
  /** Remarks the outgoing nurse adds when signing. */
  readonly note?: string;
}

export type HandoverStatus = 'draft' | 'signed-out' | 'complete';

export function handoverStatus(report: HandoverReport): HandoverStatus {
  if (report.incoming) return 'complete';
  return report.outgoing ? 'signed-out' : 'draft';
}

/**
 * Signs as the outgoing nurse (first; may add a note) or the incoming one (second, someone else). A complete report
 * does not change any more. Out of order, twice or by the same person twice → DomainError(CareConflict).
 */
export function signHandover(report: HandoverReport, as: 'outgoing' | 'incoming', signature: HandoverSignature, note?: string): HandoverReport {
  const status = handoverStatus(report);
  const refuse = (message: string) => new DomainError(DomainErrorCode.CareConflict, message, 'as');
  if (status === 'complete') throw refuse('the handover is signed by both nurses and kept as it is');
  if (as === 'outgoing') {
    if (status !== 'draft') throw refuse('the outgoing nurse has signed already');
    return { ...report, outgoing: signature, ...(note?.trim() ? { note: note.trim() } : {}) };
  }
  if (status !== 'signed-out') throw refuse('the outgoing nurse signs first');
  if (report.outgoing!.staffId === signature.staffId) throw refuse('the incoming nurse must be someone other than the outgoing one');
  return { ...report, incoming: signature };
}
