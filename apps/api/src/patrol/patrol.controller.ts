import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PatrolService, type RequestKey, type StaffIdentity } from '@opiekun/application';
import type { Response } from 'express';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { AcceptsIdempotencyKey, IdempotencyKey, markReplayed } from '../http/idempotency-key.decorator';
import { CreatePatrolDto, PatrolResponse, toPatrolRequest } from './patrol.dto';

@ApiTags('care: night patrol')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('patrols')
export class PatrolController {
  constructor(private readonly patrols: PatrolService) {}

  @Post()
  @ApiCreatedResponse({
    type: PatrolResponse,
    description:
      'One task through the rooms with a check at each; rooms marked "no camera" are left out and listed. With `Idempotent-Replayed: true` when the key had made it before. 422: unknown room, no room left, no robot can check, a key used before with a different request; 404: unknown ward',
  })
  @AcceptsIdempotencyKey('never creates a second patrol')
  async create(
    @Body() body: CreatePatrolDto,
    @CurrentStaff() staff: StaffIdentity,
    @IdempotencyKey() request: RequestKey | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatrolResponse> {
    const created = await this.patrols.create(toPatrolRequest(body), staff, request);
    markReplayed(res, created.replayed);
    return PatrolResponse.from(created);
  }
}
