/**
 * The api's HTTP and Socket.IO contract as the dashboard uses it (mirrors apps/api/src/http/dto and
 * apps/api/src/live/live-events.ts; OpenAPI at /api/docs). The dashboard imports nothing else of the api.
 */
export const TASK_STATUSES = ['requested', 'ready', 'accepted', 'in-progress', 'on-hold', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const ACTIVE_STATUSES: readonly TaskStatus[] = ['requested', 'ready', 'accepted', 'in-progress', 'on-hold'];
export const ENDED_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled'];

export const TASK_PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const ROBOT_STATES = ['idle', 'moving', 'working', 'charging', 'error', 'offline'] as const;
export type RobotState = (typeof ROBOT_STATES)[number];

export interface Position {
  x: number;
  y: number;
  theta: number;
}

export interface RobotError {
  type: string;
  level: 'WARNING' | 'FATAL' | string;
  description?: string;
}

export interface Robot {
  id: string;
  manufacturer: string;
  serialNumber: string;
  name: string;
  model?: string;
  state: RobotState;
  connection: string;
  floor?: string;
  position?: Position;
  lastNodeId?: string;
  battery?: number;
  charging: boolean;
  paused: boolean;
  inService: boolean;
  /** VDA 5050 action types an order may carry on its nodes (factsheet scope NODE, or its registration). */
  actions: string[];
  /** Action types it takes as instant actions (factsheet scope INSTANT); absent until its factsheet lists actions. */
  instantActions?: string[];
  speed: number;
  errors: RobotError[];
  /** VDA 5050 operatingMode as last reported; no orders in MANUAL, SERVICE or TEACHIN. */
  operatingMode?: string;
  /** An emergency stop or a protective field: it cannot drive now. */
  safetyStop?: boolean;
  currentTaskId?: string;
  lastSeenAt?: string;
}

export interface TaskHistoryEntry {
  at: string;
  from: TaskStatus | null;
  to: TaskStatus;
  causeKind: 'staff' | 'system' | 'robot' | string;
  causeId?: string;
  reason?: string;
  robotId?: string;
}

export interface Task {
  id: string;
  type: string;
  priority: TaskPriority;
  status: TaskStatus;
  kind: 'transport' | 'visit';
  from?: string;
  to?: string;
  pickAction?: string;
  dropAction?: string;
  atNode?: string;
  action?: string;
  requires: string[];
  earliestStart?: string;
  deadline?: string;
  note?: string;
  serviceS?: number;
  robotId?: string;
  attempt: number;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  statusReason?: string;
  /** Care operations: the resident (id only), ward and care plan it is for. */
  residentId?: string;
  wardId?: string;
  carePlanId?: string;
  /** robot: the fleet works it; staff: the ward's staff queue. */
  performer?: 'robot' | 'staff';
  /** Staff member who claimed it. */
  staffId?: string;
  escalationReason?: string;
  escalatedAt?: string;
  history?: TaskHistoryEntry[];
}

export interface TaskPage {
  items: Task[];
  total: number;
  limit: number;
  offset: number;
}

export interface NewTask {
  type: string;
  priority: TaskPriority;
  from?: string;
  to?: string;
  pickAction?: string;
  dropAction?: string;
  atNode?: string;
  action?: string;
  requires?: string[];
  earliestStart?: string;
  deadline?: string;
  note?: string;
  serviceS?: number;
}

export interface FacilityNode {
  id: string;
  floor: string;
  x: number;
  y: number;
  kind: string;
  label?: string;
  room?: string;
  elevator?: string;
}

export interface Facility {
  id: string;
  name: string;
  timezone: string;
  floors: { id: string; name: string; level: number }[];
  nodes: FacilityNode[];
  edges: { from: string; to: string; kind: string }[];
  elevators: { id: string; nodes: string[]; capacity: number; secondsPerFloor: number; doorSeconds: number }[];
  rooms: { id: string; floor: string; node: string; beds: number }[];
  zones: { id: string; nodes: string[]; quietHours?: string; maxSpeed?: number }[];
}

export const ALERT_KINDS = ['robot-offline', 'low-battery', 'task-failed', 'task-overdue', 'robot-error', 'robot-failing', 'robot-order-limit', 'no-capable-robot', 'task-escalated', 'patrol-finding', 'task-done-offline'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  id: string;
  at: string;
  kind: AlertKind | string;
  severity: 'info' | 'warning' | 'stat' | string;
  robotId?: string;
  taskId?: string;
  message: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgedByName?: string;
}

export interface FleetStatus {
  stopped: boolean;
  stop?: { at: string; byId: string; byName: string };
  online: number;
  paused: number;
  /** Online robots, not paused, whose factsheet lists no startPause: held from new work while the fleet is stopped. */
  cannotPause?: number;
}

export const STAFF_ROLES = ['carer', 'nurse', 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffPermission =
  | 'task.create'
  | 'task.cancel'
  | 'alert.acknowledge'
  | 'robot.pause'
  | 'robot.resume'
  | 'robot.charge'
  | 'robot.service'
  | 'fleet.stop'
  | 'fleet.resume'
  | 'task.claim'
  | 'care.manage'
  | 'staff.manage';

export interface StaffSession {
  user: { id: string; username: string; displayName: string; role: StaffRole };
  permissions: StaffPermission[];
  /** Task types the api delivers under medication custody (its CUSTODY_TASK_TYPES); absent from an api before it. */
  custodyTaskTypes?: string[];
}

export interface SignIn extends StaffSession {
  token: string;
  expiresAt: string;
}

export interface ShiftReport {
  date: string;
  timezone: string;
  from: string;
  to: string;
  completed: number;
  failed: number;
  cancelled: number;
  onTimeRate: number | null;
  averageWaitS: number | null;
  robotWorkS: number;
  byType: { type: string; completed: number; failed: number; cancelled: number; onTime: number; withDeadline: number; averageWaitS: number | null; workS: number }[];
  byRobot: { robotId: string; tasks: number; workS: number }[];
}

export interface Ward {
  id: string;
  name: string;
  rooms: string[];
  stationNode?: string;
}

/** A staff account and the wards it works on (GET /api/staff). */
export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  wardIds: string[];
}

export interface Resident {
  id: string;
  displayName: string;
  roomId: string;
  bed: number;
  wardId: string;
}

export type HandoverStatus = 'draft' | 'signed-out' | 'complete';

export interface HandoverSignature {
  staffId: string;
  displayName: string;
  at: string;
}

/** A ward's shift handover report (GET/POST /api/handovers). */
export interface Handover {
  id: string;
  wardId: string;
  status: HandoverStatus;
  shiftStart: string;
  shiftEnd: string;
  generatedAt: string;
  openTasks: { id: string; type: string; status: TaskStatus; priority: TaskPriority; performer: 'robot' | 'staff'; residentId?: string; roomNode?: string; earliestStart?: string; deadline?: string }[];
  escalations: { taskId: string; type: string; reason: string; at: string; detail?: string }[];
  /** `message` is the api's English detail; `robotId` and `task` let the dashboard word it (absent in older reports). */
  alerts: {
    id: string;
    kind: string;
    severity: string;
    at: string;
    message: string;
    roomId?: string;
    acknowledged: boolean;
    robotId?: string;
    task?: { id: string; type: string; placeNode?: string; escalationReason?: string };
  }[];
  residentsWithIncidents: { residentId: string; incidents: { id: string; kind: string; occurredAt: string }[] }[];
  outgoing?: HandoverSignature;
  incoming?: HandoverSignature;
  note?: string;
}

export const INCIDENT_KINDS = ['fall', 'near-fall', 'injury', 'wandering', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export interface NewIncident {
  residentId: string;
  kind: IncidentKind;
  description: string;
  occurredAt?: string;
}

/** An incident report and its follow-up checks (POST /api/incidents). */
export interface Incident extends NewIncident {
  id: string;
  wardId: string;
  occurredAt: string;
  reportedBy: string;
  createdAt: string;
  followUps?: Task[];
}

/** A robot's measurement, its report verbatim; preliminary until a nurse confirms (final) or rejects it. */
export interface Measurement {
  id: string;
  taskId: string;
  robotId: string;
  residentId?: string;
  wardId?: string;
  actionType: string;
  text: string;
  at: string;
  status: 'preliminary' | 'final' | 'entered-in-error';
  reviewedBy?: string;
  reviewedAt?: string;
  reviewNote?: string;
}

/** Error body of the api (DomainError filter or validation pipe). */
export interface ApiErrorBody {
  statusCode: number;
  code?: string;
  message: string | string[];
  target?: string;
}

export interface ServerToClientEvents {
  robot: (robot: Robot) => void;
  task: (change: { task: Task; event: TaskHistoryEntry }) => void;
  alert: (alert: Alert) => void;
  fleet: (status: FleetStatus) => void;
  /** The sign-in the connection was opened with has run out; the api hangs up right after. */
  'session-expired': (notice: { message: string }) => void;
}
