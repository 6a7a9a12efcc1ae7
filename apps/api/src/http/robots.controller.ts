import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FleetService } from '@opiekun/application';
import { OptionalStaffAuthGuard } from './auth/staff-auth.guard';
import { RegisterRobotDto } from './dto/register-robot.dto';
import { RobotResponse } from './dto/robot.response';

/** A route that takes no query parameters: with the global whitelist, any one given is refused, naming it. */
class NoQueryDto {}

@ApiTags('robots')
@UseGuards(OptionalStaffAuthGuard)
@Controller('robots')
export class RobotsController {
  constructor(private readonly fleet: FleetService) {}

  @Get()
  @ApiOkResponse({ type: [RobotResponse] })
  // (no query parameters: one given — `?limit=…` — is refused with 400 naming it, not silently ignored)
  list(@Query() _query: NoQueryDto): RobotResponse[] {
    return this.fleet.list().map((r) => RobotResponse.from(r));
  }

  @Get(':id')
  @ApiOkResponse({ type: RobotResponse })
  get(@Param('id') id: string): RobotResponse {
    return RobotResponse.from(this.fleet.get(id));
  }

  @Post()
  @ApiCreatedResponse({ type: RobotResponse, description: '409: the robot is already registered (nothing changes: its factsheet and reports keep its data)' })
  async register(@Body() body: RegisterRobotDto): Promise<RobotResponse> {
    return RobotResponse.from(await this.fleet.register(body));
  }
}
