import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HandoverService, IncidentService, type RequestKey, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { GenerateHandoverDto, HandoverQueryDto, HandoverResponse, SignHandoverDto } from '../http/dto/care/handover.dto';
import { IncidentQueryDto, IncidentResponse, ReportIncidentDto, toIncidentInput } from '../http/dto/care/incident.dto';
import { epochMsOf } from '../http/dto/date-time-with-offset.decorator';
import { AcceptsIdempotencyKey, IdempotencyKey, markReplayed } from '../http/idempotency-key.decorator';

@ApiTags('care: shift handover')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('handovers')
export class HandoversController {
  constructor(private readonly handovers: HandoverService) {}

  @Post()
  @ApiCreatedResponse({
    type: HandoverResponse,
    description:
      "The ward's report for its current shift (nurse, manager): open tasks, the shift's escalations and alerts, residents with an incident in 72 h. Generated again before anyone signed, it is refreshed in place; once signed, the signed report is answered as it is. 404: unknown ward",
  })
  async generate(@Body() body: GenerateHandoverDto, @CurrentStaff() staff: StaffIdentity): Promise<HandoverResponse> {
    return HandoverResponse.from(await this.handovers.generate(body.wardId, staff));
  }

  @Get()
  @ApiOkResponse({ type: [HandoverResponse], description: 'Kept reports, newest shift first' })
  async list(@Query() query: HandoverQueryDto): Promise<HandoverResponse[]> {
    return (await this.handovers.list(query.ward, query.limit ?? 50)).map((r) => HandoverResponse.from(r));
  }

  @Get(':id')
  @ApiOkResponse({ type: HandoverResponse })
  async get(@Param('id') id: string): Promise<HandoverResponse> {
    return HandoverResponse.from(await this.handovers.get(id));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @ApiOkResponse({
    type: HandoverResponse,
    description: 'Signed by a nurse (403 otherwise): the outgoing one first, then a different, incoming one. 409: out of order, twice, the same nurse for both, or already complete',
  })
  async sign(@Param('id') id: string, @Body() body: SignHandoverDto, @CurrentStaff() staff: StaffIdentity): Promise<HandoverResponse> {
    return HandoverResponse.from(await this.handovers.sign(id, body.as, staff, body.note));
  }
}

@ApiTags('care: incidents')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentService) {}

  @Post()
  @ApiCreatedResponse({
    type: IncidentResponse,
    description:
      "Kept, with its follow-up: a staff check at the resident's room in every shift for 72 h (ward staff queue, type incident-check). With `Idempotent-Replayed: true` when the key had made it before. 404: unknown or discharged resident; 422: a time in the future, or a key used before with a different report",
  })
  @AcceptsIdempotencyKey('never reports an incident or its checks twice', 'report')
  async report(
    @Body() body: ReportIncidentDto,
    @CurrentStaff() staff: StaffIdentity,
    @IdempotencyKey() request: RequestKey | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IncidentResponse> {
    const { incident, followUps, replayed } = await this.incidents.report(toIncidentInput(body), staff, request);
    markReplayed(res, replayed);
    return IncidentResponse.from(incident, followUps);
  }

  @Get()
  @ApiOkResponse({ type: [IncidentResponse], description: 'Newest first' })
  async list(@Query() query: IncidentQueryDto): Promise<IncidentResponse[]> {
    const incidents = await this.incidents.list({
      wardId: query.ward,
      residentId: query.resident,
      since: epochMsOf(query.since),
      limit: query.limit ?? 50,
    });
    return incidents.map((i) => IncidentResponse.from(i));
  }

  @Get(':id')
  @ApiOkResponse({ type: IncidentResponse, description: 'With its follow-up checks' })
  async get(@Param('id') id: string): Promise<IncidentResponse> {
    const { incident, followUps } = await this.incidents.get(id);
    return IncidentResponse.from(incident, followUps);
  }
}
