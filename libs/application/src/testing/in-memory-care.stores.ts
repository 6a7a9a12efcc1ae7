import type { CarePlan, Resident, Task, TaskEvent, Ward } from '@opiekun/domain';
import { CarePlanStore, type CarePlanQuery, type PlanOccurrence } from '../ports/care-plan-store.port';
import { ResidentStore, type ResidentQuery } from '../ports/resident-store.port';
import { StaffDirectory, type StaffMember } from '../ports/staff-directory.port';
import { WardStore } from '../ports/ward-store.port';
import type { InMemoryTaskStore } from './in-memory-task.store';

export class InMemoryWardStore extends WardStore {
  readonly wards = new Map<string, Ward>();
  async list() {
    return [...this.wards.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
  async get(id: string) {
    return this.wards.get(id);
  }
  async save(ward: Ward) {
    this.wards.set(ward.id, ward);
  }
}

export class InMemoryResidentStore extends ResidentStore {
  readonly residents = new Map<string, Resident>();
  async list(q: ResidentQuery) {
    return [...this.residents.values()]
      .filter((r) => (q.includeDischarged || r.status === 'active') && (!q.wardId || q.wardId.includes(r.wardId)) && (!q.roomId || r.roomId === q.roomId))
      .sort((a, b) => a.roomId.localeCompare(b.roomId) || a.bed - b.bed);
  }
  async get(id: string) {
    return this.residents.get(id);
  }
  async save(resident: Resident) {
    this.residents.set(resident.id, resident);
  }
}

/** Shares the task store with the test, so an occurrence and its task land together as in the database. */
export class InMemoryCarePlanStore extends CarePlanStore {
  readonly plans = new Map<string, CarePlan>();
  readonly stored = new Map<string, PlanOccurrence>();

  constructor(private readonly tasks: InMemoryTaskStore) {
    super();
  }
  async list(q: CarePlanQuery) {
    return [...this.plans.values()].filter(
      (p) => (!q.activeOnly || p.active) && (!q.residentId || p.residentId === q.residentId) && (!q.wardId || p.wardId === q.wardId),
    );
  }
  async get(id: string) {
    return this.plans.get(id);
  }
  async save(plan: CarePlan) {
    this.plans.set(plan.id, plan);
  }
  async insertOccurrence(occurrence: PlanOccurrence, task: Task, events: readonly TaskEvent[]) {
    const key = `${occurrence.planId}|${occurrence.key}`;
    if (this.stored.has(key)) return false;
    this.stored.set(key, occurrence);
    await this.tasks.insert(task, events[0]!);
    if (events.length > 1) await this.tasks.save(task, events.slice(1), task.updatedAt);
    return true;
  }
  async occurrences(planId: string, from: number) {
    return [...this.stored.values()].filter((o) => o.planId === planId && o.at >= from).sort((a, b) => a.at - b.at);
  }
}

export class InMemoryStaffDirectory extends StaffDirectory {
  readonly members = new Map<string, StaffMember>();
  async list() {
    return [...this.members.values()];
  }
  async get(id: string) {
    return this.members.get(id);
  }
  async findByUsername(username: string) {
    return [...this.members.values()].find((m) => m.username === username);
  }
  async setWards(staffId: string, wardIds: readonly string[]) {
    const member = this.members.get(staffId);
    if (member) this.members.set(staffId, { ...member, wardIds });
  }
}
