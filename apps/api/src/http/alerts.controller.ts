import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AlertService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from './auth/current-staff.decorator';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { AlertQueryDto } from './dto/alert-query.dto';
import { epochMsOf } from './dto/date-time-with-offset.decorator';
import { AlertResponse } from './dto/alert.response';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertService) {}

  @Get()
  @ApiOkResponse({ type: [AlertResponse], description: 'Newest first' })
  async list(@Query() query: AlertQueryDto): Promise<AlertResponse[]> {
    const alerts = await this.alerts.list({ openOnly: query.open ?? false, since: epochMsOf(query.since), limit: query.limit ?? 100 });
    return alerts.map((a) => AlertResponse.from(a));
  }

  @Post(':id/ack')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse({ description: 'No such alert' })
  async acknowledge(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<AlertResponse> {
    return AlertResponse.from(await this.alerts.acknowledge(id, staff));
  }
}
