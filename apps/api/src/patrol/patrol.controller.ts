import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { PatrolService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
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
    description: 'One task through the rooms with a check at each; rooms marked "no camera" are left out and listed. 422: unknown room, no room left, no robot can check; 404: unknown ward',
  })
  async create(@Body() body: CreatePatrolDto, @CurrentStaff() staff: StaffIdentity): Promise<PatrolResponse> {
    return PatrolResponse.from(await this.patrols.create(toPatrolRequest(body), staff));
  }
}
