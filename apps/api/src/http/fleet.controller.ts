import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FleetControlService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from './auth/current-staff.decorator';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { FleetStatusResponse } from './dto/fleet-status.response';

@ApiTags('fleet')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('fleet')
export class FleetController {
  constructor(private readonly control: FleetControlService) {}

  @Get('status')
  @ApiOkResponse({ type: FleetStatusResponse })
  status(): FleetStatusResponse {
    return FleetStatusResponse.from(this.control.status());
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop all robots (VDA 5050 startPause to every robot); anyone signed in' })
  @ApiOkResponse({ type: FleetStatusResponse })
  async stop(@CurrentStaff() staff: StaffIdentity): Promise<FleetStatusResponse> {
    return FleetStatusResponse.from(await this.control.stopAll(staff));
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume the whole fleet after a stop (VDA 5050 stopPause); manager only' })
  @ApiOkResponse({ type: FleetStatusResponse })
  @ApiForbiddenResponse({ description: 'Only a manager may resume the fleet' })
  async resume(@CurrentStaff() staff: StaffIdentity): Promise<FleetStatusResponse> {
    return FleetStatusResponse.from(await this.control.resumeAll(staff));
  }
}
