import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { PatrolService, type RequestKey, type StaffIdentity } from '@opiekun/application';
import type { Response } from 'express';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Any unique string (a UUID): the same key never creates a second patrol; sent with a different request (body or path) it is refused with 422',
  })
  async create(
    @Body() body: CreatePatrolDto,
    @CurrentStaff() staff: StaffIdentity,
    @IdempotencyKey() request: RequestKey | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PatrolResponse> {
    const created = await this.patrols.create(toPatrolRequest(body), staff, request);
    if (created.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return PatrolResponse.from(created);
  }
}
