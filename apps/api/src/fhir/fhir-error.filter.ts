import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '@opiekun/domain';
import { httpStatusOf } from '../http/domain-error.filter';
import { InvalidFhirResourceError } from './fhir-task.reader';

export const FHIR_JSON = 'application/fhir+json';

type IssueCode = 'not-found' | 'invalid' | 'login' | 'forbidden' | 'exception' | 'transient';

function issueCode(status: number): IssueCode {
  if (status === 404) return 'not-found';
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 503) return 'transient';
  return status < 500 ? 'invalid' : 'exception';
}

/** Errors on the FHIR routes answer as an OperationOutcome (FHIR's error resource), with the same status codes. */
export function operationOutcome(status: number, diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: status >= 500 ? 'fatal' : 'error', code: issueCode(status), diagnostics }] };
}

function statusOf(error: unknown): number {
  // A bad search parameter is a 400 in FHIR's search rules, where the api's other routes use 422.
  if (error instanceof DomainError) return error.code === DomainErrorCode.InvalidArgument ? HttpStatus.BAD_REQUEST : httpStatusOf(error.code);
  if (error instanceof HttpException) return error.getStatus();
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

@Catch()
export class FhirErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('FHIR');

  catch(error: unknown, host: ArgumentsHost): void {
    const status = statusOf(error);
    if (error instanceof InvalidFhirResourceError) this.logger.error(error.message);
    else if (status >= 500) this.logger.error(String((error as Error)?.stack ?? error));
    const diagnostics = status >= 500 && !(error instanceof DomainError) ? 'internal error' : (error as Error).message;
    host.switchToHttp().getResponse<Response>().status(status).type(FHIR_JSON).json(operationOutcome(status, diagnostics));
  }
}
