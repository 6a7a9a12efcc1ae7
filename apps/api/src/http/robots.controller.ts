import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FleetService, requirePermission, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from './auth/current-staff.decorator';
import { OptionalStaffAuthGuard, StaffAuthGuard } from './auth/staff-auth.guard';
import { RegisterRobotDto } from './dto/register-robot.dto';
import { RobotResponse } from './dto/robot.response';

/** A route that takes no query parameters: with the global whitelist, any one given is refused, naming it. */
class NoQueryDto {}

@ApiTags('robots')
@Controller('robots')
export class RobotsController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @UseGuards(OptionalStaffAuthGuard)
  @ApiOkResponse({ type: [RobotResponse] })
  // (no query parameters: one given — `?limit=…` — is refused with 400 naming it, not silently ignored)
  list(@Query() _query: NoQueryDto): RobotResponse[] {
    return this.fleet.list().map((r) => RobotResponse.from(r));
  }

  @Get(':id')
  @UseGuards(OptionalStaffAuthGuard)
  @ApiOkResponse({ type: RobotResponse })
  get(@Param('id') id: string): RobotResponse {
    return RobotResponse.from(this.fleet.get(id));
  }

  // A command to the fleet like taking a robot out of service: a signed-in member with the permission, whatever
  // ANONYMOUS_ACCESS says (it opens only the task endpoints and the robot reads to scripts).
  @Post()
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  @ApiForbiddenResponse({ description: 'The staff role may not register robots (robot.register: nurse, manager)' })
  @ApiCreatedResponse({ type: RobotResponse, description: '409: the robot is already registered (nothing changes: its factsheet and reports keep its data)' })
  async register(@Body() body: RegisterRobotDto, @CurrentStaff() staff: StaffIdentity): Promise<RobotResponse> {
    // Here rather than in FleetService.register, which the robot's own first message also reaches (no person there).
    requirePermission(staff, 'robot.register');
    return RobotResponse.from(await this.fleet.register(body));
  }
}
