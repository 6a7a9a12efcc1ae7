/** Every error the domain and application layers raise carries a code; transports map codes to status codes. */
export enum DomainErrorCode {
  FacilityInvalid = 'FACILITY_INVALID',
  UnknownNode = 'UNKNOWN_NODE',
  NoRoute = 'NO_ROUTE',
  TaskNotFound = 'TASK_NOT_FOUND',
  TaskInvalid = 'TASK_INVALID',
  TaskTransitionInvalid = 'TASK_TRANSITION_INVALID',
  NoCapableRobot = 'NO_CAPABLE_ROBOT',
  RobotNotFound = 'ROBOT_NOT_FOUND',
  RobotConflict = 'ROBOT_CONFLICT',
  ScenarioInvalid = 'SCENARIO_INVALID',
  /** A caller passed a value no domain rule can work with (e.g. a robot speed of 0). */
  InvalidArgument = 'INVALID_ARGUMENT',
  /** No valid staff sign-in (missing, expired or forged token; wrong password). */
  Unauthenticated = 'UNAUTHENTICATED',
  /** Signed in, but the staff role may not do this (e.g. only a manager resumes the fleet). */
  Forbidden = 'FORBIDDEN',
  AlertNotFound = 'ALERT_NOT_FOUND',
  /** Care data (ward, resident, care plan, staff task) that breaks a rule: unknown room, bad RRULE… */
  CareInvalid = 'CARE_INVALID',
  /** Care data that clashes with what is stored: an occupied bed, a task someone else claimed. */
  CareConflict = 'CARE_CONFLICT',
  WardNotFound = 'WARD_NOT_FOUND',
  ResidentNotFound = 'RESIDENT_NOT_FOUND',
  CarePlanNotFound = 'CARE_PLAN_NOT_FOUND',
  StaffNotFound = 'STAFF_NOT_FOUND',
  HandoverNotFound = 'HANDOVER_NOT_FOUND',
  IncidentNotFound = 'INCIDENT_NOT_FOUND',
  MeasurementNotFound = 'MEASUREMENT_NOT_FOUND',
  /** The database refused a write (disk full, file locked by another process, read-only): nothing was stored. */
  StorageUnavailable = 'STORAGE_UNAVAILABLE',
  /** The MQTT broker cannot be reached now: nothing was sent to the robot. */
  RobotLinkDown = 'ROBOT_LINK_DOWN',
  /** A client's Idempotency-Key came again with a different request: nothing was done for this one. */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Machine-readable pointer to what was wrong (field name, node id, …). */
    readonly target?: string,
    /** Every problem found, when one error reports several (a facility file with many mistakes). */
    readonly details?: readonly string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
