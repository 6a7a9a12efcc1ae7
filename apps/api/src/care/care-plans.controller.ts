import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CarePlanService, type RequestKey, type StaffIdentity } from '@opiekun/application';
import type { Response } from 'express';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { CarePlanQueryDto, CarePlanResponse, SaveCarePlanDto, toCarePlanInput } from '../http/dto/care/care-plan.dto';
import { AcceptsIdempotencyKey, IdempotencyKey, markReplayed } from '../http/idempotency-key.decorator';

@ApiTags('care: care plans')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('care-plans')
export class CarePlansController {
  constructor(private readonly plans: CarePlanService) {}

  @Get()
  @ApiOkResponse({ type: [CarePlanResponse] })
  async list(@Query() query: CarePlanQueryDto): Promise<CarePlanResponse[]> {
    const plans = await this.plans.list({ residentId: query.resident, wardId: query.ward, activeOnly: query.activeOnly });
    return plans.map((p) => CarePlanResponse.from(p));
  }

  @Get(':id')
  @ApiOkResponse({ type: CarePlanResponse })
  async get(@Param('id') id: string): Promise<CarePlanResponse> {
    return CarePlanResponse.from(await this.plans.get(id));
  }

  @Post()
  @ApiCreatedResponse({
    type: CarePlanResponse,
    description: 'Its occurrences within the horizon become tasks at once. With `Idempotent-Replayed: true` when the key had made it before (its tasks are not raised again)',
  })
  @AcceptsIdempotencyKey('never creates a second care plan')
  async create(
    @Body() body: SaveCarePlanDto,
    @CurrentStaff() staff: StaffIdentity,
    @IdempotencyKey() request: RequestKey | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CarePlanResponse> {
    const { plan, replayed } = await this.plans.createOnce(toCarePlanInput(body), staff, request);
    markReplayed(res, replayed);
    return CarePlanResponse.from(plan);
  }

  @Put(':id')
  @ApiOkResponse({ type: CarePlanResponse, description: 'A new version; future tasks nobody started follow it' })
  async update(@Param('id') id: string, @Body() body: SaveCarePlanDto, @CurrentStaff() staff: StaffIdentity): Promise<CarePlanResponse> {
    return CarePlanResponse.from(await this.plans.update(id, toCarePlanInput(body), staff));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: CarePlanResponse, description: 'No more tasks; future ones nobody started are cancelled' })
  async deactivate(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<CarePlanResponse> {
    return CarePlanResponse.from(await this.plans.deactivate(id, staff));
  }
}
