import { Controller, Get, Header, Param, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Bundle, Task } from '@medplum/fhirtypes';
import type { Request } from 'express';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { fhirBaseUrl } from './fhir-base-url';
import { FHIR_JSON, FhirErrorFilter } from './fhir-error.filter';
import { parseFhirTaskSearch } from './fhir-task-search';
import { FhirTaskReader } from './fhir-task.reader';

const FHIR_RESOURCE = { type: 'object', description: 'FHIR R4 resource (application/fhir+json)' } as const;

/** FHIR R4 read and search of Task (outside the /api prefix, at /fhir, as FHIR clients expect a base URL). */
@ApiTags('fhir')
@ApiBearerAuth()
@ApiProduces(FHIR_JSON)
@UseGuards(StaffAuthGuard)
@UseFilters(FhirErrorFilter)
@Controller('fhir/Task')
export class FhirTaskController {
  constructor(private readonly reader: FhirTaskReader) {}

  @Get()
  @Header('Content-Type', FHIR_JSON)
  @ApiQuery({ name: 'status', required: false, description: 'comma-separated Task.status codes (OR)' })
  @ApiQuery({ name: '_lastUpdated', required: false, isArray: true, description: 'ge|gt|le|lt + date or dateTime; repeat for a range' })
  @ApiQuery({ name: 'owner', required: false, description: 'Device/<robotId> or Practitioner/<staffId>' })
  @ApiQuery({ name: '_count', required: false, description: 'page size, default 50, at most 200' })
  @ApiOkResponse({ schema: FHIR_RESOURCE, description: 'searchset Bundle: matching jobs, each followed by its robot attempts (search.mode include)' })
  search(@Query() query: Record<string, unknown>, @Req() request: Request): Promise<Bundle> {
    const base = fhirBaseUrl({ protocol: request.protocol, host: request.headers.host, localAddress: request.socket.localAddress, localPort: request.socket.localPort });
    return this.reader.search(parseFhirTaskSearch(query), base);
  }

  @Get(':id')
  @Header('Content-Type', FHIR_JSON)
  @ApiOkResponse({ schema: FHIR_RESOURCE, description: 'Task: a job, or <id>-attempt-<n>, a robot attempt (partOf the job); 404 OperationOutcome' })
  read(@Param('id') id: string): Promise<Task> {
    return this.reader.read(id);
  }
}
