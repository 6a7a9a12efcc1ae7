import type { Provider, Type } from '@nestjs/common';
import { TaskService } from '@opiekun/application';
import type { Facility } from '@opiekun/domain';
import { FhirSchemaValidator } from './fhir-schema.validator';
import { FhirTaskController } from './fhir-task.controller';
import { FhirTaskReader } from './fhir-task.reader';

export const FHIR_CONTROLLERS: Type[] = [FhirTaskController];

export function fhirProviders(facility: Facility): Provider[] {
  return [
    FhirSchemaValidator,
    { provide: FhirTaskReader, useFactory: (tasks: TaskService, v: FhirSchemaValidator) => new FhirTaskReader(tasks, facility, v), inject: [TaskService, FhirSchemaValidator] },
  ];
}
