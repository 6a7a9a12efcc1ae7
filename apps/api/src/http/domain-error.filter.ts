import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '@opiekun/domain';

/** The one place where domain error codes become HTTP status codes. */
export function httpStatusOf(code: DomainErrorCode): HttpStatus {
  switch (code) {
    case DomainErrorCode.TaskNotFound:
    case DomainErrorCode.RobotNotFound:
    case DomainErrorCode.AlertNotFound:
    case DomainErrorCode.WardNotFound:
    case DomainErrorCode.ResidentNotFound:
    case DomainErrorCode.CarePlanNotFound:
    case DomainErrorCode.StaffNotFound:
    case DomainErrorCode.HandoverNotFound:
    case DomainErrorCode.IncidentNotFound:
    case DomainErrorCode.MeasurementNotFound:
      return HttpStatus.NOT_FOUND;
    case DomainErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case DomainErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case DomainErrorCode.TaskTransitionInvalid:
    case DomainErrorCode.RobotConflict:
    case DomainErrorCode.CareConflict:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.UnknownNode:
    case DomainErrorCode.NoRoute:
    case DomainErrorCode.NoCapableRobot:
    case DomainErrorCode.TaskInvalid:
    case DomainErrorCode.InvalidArgument:
    case DomainErrorCode.CareInvalid:
    case DomainErrorCode.IdempotencyKeyReused: // as draft-ietf-httpapi-idempotency-key-header says
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainErrorCode.FacilityInvalid:
    case DomainErrorCode.ScenarioInvalid:
      return HttpStatus.BAD_REQUEST;
    case DomainErrorCode.StorageUnavailable:
    case DomainErrorCode.RobotLinkDown:
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const status = httpStatusOf(error.code);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({ statusCode: status, code: error.code, message: error.message, target: error.target, details: error.details });
  }
}
