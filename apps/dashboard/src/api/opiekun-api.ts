import type { Alert, Facility, FleetStatus, Handover, Incident, Measurement, NewIncident, NewTask, Resident, Robot, ShiftReport, SignIn, StaffMember, StaffSession, Task, TaskPage, Ward } from './contract';
import { ACTIVE_STATUSES, ENDED_STATUSES } from './contract';
import type { HttpClient } from './http-client';

export type RobotCommand = 'pause' | 'resume' | 'charge' | 'out-of-service' | 'in-service';

/** Every REST call the dashboard makes. */
export class OpiekunApi {
  constructor(private readonly http: HttpClient) {}

  signIn(username: string, password: string): Promise<SignIn> {
    return this.http.post('/api/auth/sign-in', { username, password });
  }

  me(): Promise<StaffSession> {
    return this.http.get('/api/auth/me');
  }

  facility(): Promise<Facility> {
    return this.http.get('/api/facility');
  }

  robots(): Promise<Robot[]> {
    return this.http.get('/api/robots');
  }

  activeTasks(): Promise<TaskPage> {
    return this.http.get('/api/tasks', { status: ACTIVE_STATUSES.join(','), limit: 500 });
  }

  /** Ended tasks created since `since` (ISO), page by page (a busy day ends more than one page); newest first. */
  async endedTasks(since: string, maxPages = 10): Promise<Task[]> {
    const tasks: Task[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const { items, total } = await this.http.get<TaskPage>('/api/tasks', { status: ENDED_STATUSES.join(','), from: since, limit: 500, offset: page * 500 });
      tasks.push(...items);
      if (items.length < 500 || tasks.length >= total) break;
    }
    return tasks;
  }

  task(id: string): Promise<Task> {
    return this.http.get(`/api/tasks/${encodeURIComponent(id)}`);
  }

  createTask(task: NewTask): Promise<Task> {
    return this.http.post('/api/tasks', task);
  }

  cancelTask(id: string): Promise<Task> {
    return this.http.post(`/api/tasks/${encodeURIComponent(id)}/cancel`);
  }

  robotCommand(id: string, command: RobotCommand): Promise<unknown> {
    return this.http.post(`/api/robots/${encodeURIComponent(id)}/${command}`);
  }

  fleetStatus(): Promise<FleetStatus> {
    return this.http.get('/api/fleet/status');
  }

  stopFleet(): Promise<FleetStatus> {
    return this.http.post('/api/fleet/stop');
  }

  resumeFleet(): Promise<FleetStatus> {
    return this.http.post('/api/fleet/resume');
  }

  alerts(): Promise<Alert[]> {
    return this.http.get('/api/alerts', { limit: 200 });
  }

  acknowledgeAlert(id: string): Promise<Alert> {
    return this.http.post(`/api/alerts/${encodeURIComponent(id)}/ack`);
  }

  /** Staff queue: take a task, finish it, or give it back to the robots (the api refuses when none can do it). */
  staffTask(id: string, step: 'claim' | 'complete' | 'hand-back'): Promise<Task> {
    return this.http.post(`/api/tasks/${encodeURIComponent(id)}/${step}`);
  }

  /** Medication custody, nurses only: the load at the pharmacy, the handover at the room. */
  custody(id: string, step: 'load' | 'handover'): Promise<unknown> {
    return this.http.post(`/api/tasks/${encodeURIComponent(id)}/${step}`);
  }

  wards(): Promise<Ward[]> {
    return this.http.get('/api/wards');
  }

  /** Staff accounts with their wards (the staff queue starts on the signed-in member's own wards). */
  staff(): Promise<StaffMember[]> {
    return this.http.get('/api/staff');
  }

  /**
   * An incident report: kept, with a staff check in every shift for 72 h. `requestKey` (one per form) makes a retry
   * answer the first report instead of making a second one.
   */
  reportIncident(incident: NewIncident, requestKey: string): Promise<Incident> {
    return this.http.post('/api/incidents', incident, { 'Idempotency-Key': requestKey });
  }

  /** Robots' measurements waiting for a nurse. */
  preliminaryMeasurements(): Promise<Measurement[]> {
    return this.http.get('/api/measurements', { status: 'preliminary', limit: 100 });
  }

  reviewMeasurement(id: string, decision: 'confirm' | 'reject'): Promise<Measurement> {
    return this.http.post(`/api/measurements/${encodeURIComponent(id)}/review`, { decision });
  }

  residents(ward?: string): Promise<Resident[]> {
    return this.http.get('/api/residents', { ward });
  }

  /** Kept handover reports of a ward, newest shift first. */
  handovers(ward: string, limit = 5): Promise<Handover[]> {
    return this.http.get('/api/handovers', { ward, limit });
  }

  /** The ward's report for its current shift: made, or refreshed while nobody signed it. */
  generateHandover(wardId: string): Promise<Handover> {
    return this.http.post('/api/handovers', { wardId });
  }

  signHandover(id: string, as: 'outgoing' | 'incoming', note?: string): Promise<Handover> {
    return this.http.post(`/api/handovers/${encodeURIComponent(id)}/sign`, note ? { as, note } : { as });
  }

  shiftReport(date?: string): Promise<ShiftReport> {
    return this.http.get('/api/reports/shift', { date });
  }
}
