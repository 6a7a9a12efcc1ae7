import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FleetControlService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from './auth/current-staff.decorator';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { ChargeResponse } from './dto/fleet-status.response';
import { RobotResponse } from './dto/robot.response';

@ApiTags('robots')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'The staff role may not do this' })
@ApiConflictResponse({ description: 'The robot is offline or busy' })
@UseGuards(StaffAuthGuard)
@Controller('robots')
export class RobotCommandsController {
  constructor(private readonly control: FleetControlService) {}

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the robot (VDA 5050 startPause); confirmed when it reports paused' })
  @ApiOkResponse({ type: RobotResponse })
  async pause(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<RobotResponse> {
    return RobotResponse.from(await this.control.pause(id, staff));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume the robot (VDA 5050 stopPause); nurse or manager, manager only while the fleet is stopped' })
  @ApiOkResponse({ type: RobotResponse })
  async resume(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<RobotResponse> {
    return RobotResponse.from(await this.control.resume(id, staff));
  }

  @Post(':id/charge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an idle robot to the nearest free charger' })
  @ApiOkResponse({ type: ChargeResponse })
  async charge(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<ChargeResponse> {
    const { robot, charger } = await this.control.sendToCharge(id, staff);
    return { robot: RobotResponse.from(robot), chargerNode: charger.id, chargerLabel: charger.label };
  }

  @Post(':id/out-of-service')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the robot out of service: it gets no new work' })
  @ApiOkResponse({ type: RobotResponse })
  async outOfService(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<RobotResponse> {
    return RobotResponse.from(await this.control.setInService(id, false, staff));
  }

  @Post(':id/in-service')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the robot back into service' })
  @ApiOkResponse({ type: RobotResponse })
  async inService(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<RobotResponse> {
    return RobotResponse.from(await this.control.setInService(id, true, staff));
  }
}
