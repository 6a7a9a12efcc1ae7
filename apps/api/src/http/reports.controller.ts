import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShiftReportService } from '@opiekun/application';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { ShiftReportQueryDto } from './dto/shift-report.query.dto';
import { ShiftReportResponse } from './dto/shift-report.response';

@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ShiftReportService) {}

  @Get('shift')
  @ApiOkResponse({ type: ShiftReportResponse, description: "Tasks that ended on the day, in the facility's time zone" })
  async shift(@Query() query: ShiftReportQueryDto): Promise<ShiftReportResponse> {
    return ShiftReportResponse.from(await this.reports.report(query.date));
  }
}
