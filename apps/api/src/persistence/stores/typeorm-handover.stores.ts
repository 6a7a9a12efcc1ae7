import { HandoverStore, IncidentStore, type IncidentQuery, type RequestKey, type StoredIncident } from '@opiekun/application';
import { DomainError, DomainErrorCode, type HandoverContent, type HandoverReport, type HandoverSignature, type Incident, type IncidentKind } from '@opiekun/domain';
import { MoreThanOrEqual, type DataSource, type FindOptionsWhere } from 'typeorm';
import { HandoverReportEntity, IncidentEntity } from '../entities/handover.entities';
import { serially } from './one-connection-queue';

export class TypeormHandoverStore extends HandoverStore {
  constructor(private readonly db: DataSource) {
    super();
  }

  /** In one transaction: a report of the same ward and shift end that nobody signed is replaced (keeping its id). */
  upsertDraft(report: HandoverReport): Promise<HandoverReport> {
    return serially(this.db, () =>
      this.db.transaction(async (manager) => {
        const stored = await manager.findOneBy(HandoverReportEntity, { wardId: report.wardId, shiftEnd: report.shiftEnd });
        if (stored && stored.outgoingStaffId !== null) return handoverFromEntity(stored);
        const draft: HandoverReport = { ...report, id: stored?.id ?? report.id };
        await manager.save(handoverToEntity(draft));
        return draft;
      }),
    );
  }

  get(id: string): Promise<HandoverReport | undefined> {
    return serially(this.db, async () => {
      const entity = await this.db.manager.findOneBy(HandoverReportEntity, { id });
      return entity ? handoverFromEntity(entity) : undefined;
    });
  }

  saveSigned(report: HandoverReport, before: HandoverReport): Promise<void> {
    return serially(this.db, async () => {
      const row = handoverToEntity(report);
      const result = await this.db.manager
        .createQueryBuilder()
        .update(HandoverReportEntity)
        .set({
          outgoingStaffId: row.outgoingStaffId,
          outgoingName: row.outgoingName,
          outgoingAt: row.outgoingAt,
          incomingStaffId: row.incomingStaffId,
          incomingName: row.incomingName,
          incomingAt: row.incomingAt,
          note: row.note,
        })
        .where('id = :id', { id: report.id })
        .andWhere(before.outgoing ? 'outgoing_staff_id = :out' : 'outgoing_staff_id IS NULL', { out: before.outgoing?.staffId })
        .andWhere(before.incoming ? 'incoming_staff_id = :in' : 'incoming_staff_id IS NULL', { in: before.incoming?.staffId })
        .andWhere('generated_at = :generatedAt', { generatedAt: before.generatedAt })
        .execute();
      if (result.affected !== 1) throw new DomainError(DomainErrorCode.CareConflict, `handover ${report.id} changed meanwhile; read it again`, 'id');
    });
  }

  list(wardId: string | undefined, limit: number): Promise<readonly HandoverReport[]> {
    return serially(this.db, async () => {
      const rows = await this.db.manager.find(HandoverReportEntity, { where: wardId ? { wardId } : {}, order: { shiftEnd: 'DESC', wardId: 'ASC' }, take: limit });
      return rows.map(handoverFromEntity);
    });
  }
}

export class TypeormIncidentStore extends IncidentStore {
  constructor(private readonly db: DataSource) {
    super();
  }

  insert(incident: Incident, request?: RequestKey): Promise<StoredIncident> {
    return serially(this.db, async () => {
      if (request !== undefined) {
        const made = await this.db.manager.findOneBy(IncidentEntity, { requestKey: request.key });
        if (made) return storedIncident(made);
      }
      try {
        await this.db.manager.insert(IncidentEntity, incidentToEntity(incident, request));
        return { incident, fingerprint: request?.fingerprint };
      } catch (error) {
        // Another instance on the same database stored the same key first: its incident is the one.
        const raced = request === undefined ? null : await this.db.manager.findOneBy(IncidentEntity, { requestKey: request.key });
        if (raced) return storedIncident(raced);
        throw error;
      }
    });
  }

  get(id: string): Promise<Incident | undefined> {
    return serially(this.db, async () => {
      const entity = await this.db.manager.findOneBy(IncidentEntity, { id });
      return entity ? incidentFromEntity(entity) : undefined;
    });
  }

  list(query: IncidentQuery): Promise<readonly Incident[]> {
    return serially(this.db, async () => {
      const where: FindOptionsWhere<IncidentEntity> = {};
      if (query.wardId) where.wardId = query.wardId;
      if (query.residentId) where.residentId = query.residentId;
      if (query.since !== undefined) where.occurredAt = MoreThanOrEqual(query.since);
      const rows = await this.db.manager.find(IncidentEntity, { where, order: { occurredAt: 'DESC', id: 'ASC' }, take: query.limit });
      return rows.map(incidentFromEntity);
    });
  }
}

function signatureOf(staffId: string | null, name: string | null, at: number | null): HandoverSignature | undefined {
  return staffId !== null && at !== null ? { staffId, displayName: name ?? staffId, at } : undefined;
}

function handoverFromEntity(row: HandoverReportEntity): HandoverReport {
  const outgoing = signatureOf(row.outgoingStaffId, row.outgoingName, row.outgoingAt);
  const incoming = signatureOf(row.incomingStaffId, row.incomingName, row.incomingAt);
  return {
    id: row.id,
    wardId: row.wardId,
    shiftStart: row.shiftStart,
    shiftEnd: row.shiftEnd,
    generatedAt: row.generatedAt,
    content: JSON.parse(row.content) as HandoverContent,
    ...(outgoing ? { outgoing } : {}),
    ...(incoming ? { incoming } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
  };
}

function handoverToEntity(report: HandoverReport): HandoverReportEntity {
  return Object.assign(new HandoverReportEntity(), {
    id: report.id,
    wardId: report.wardId,
    shiftStart: report.shiftStart,
    shiftEnd: report.shiftEnd,
    generatedAt: report.generatedAt,
    content: JSON.stringify(report.content),
    outgoingStaffId: report.outgoing?.staffId ?? null,
    outgoingName: report.outgoing?.displayName ?? null,
    outgoingAt: report.outgoing?.at ?? null,
    incomingStaffId: report.incoming?.staffId ?? null,
    incomingName: report.incoming?.displayName ?? null,
    incomingAt: report.incoming?.at ?? null,
    note: report.note ?? null,
  });
}

function incidentFromEntity(row: IncidentEntity): Incident {
  return {
    id: row.id,
    residentId: row.residentId,
    wardId: row.wardId,
    kind: row.kind as IncidentKind,
    occurredAt: row.occurredAt,
    description: row.description,
    reportedBy: row.reportedBy,
    createdAt: row.createdAt,
  };
}

function storedIncident(row: IncidentEntity): StoredIncident {
  return { incident: incidentFromEntity(row), fingerprint: row.requestFingerprint ?? undefined };
}

function incidentToEntity(incident: Incident, request: RequestKey | undefined): IncidentEntity {
  return Object.assign(new IncidentEntity(), { ...incident, requestKey: request?.key ?? null, requestFingerprint: request?.fingerprint ?? null });
}
