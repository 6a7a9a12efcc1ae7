import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MeasurementService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { MeasurementQueryDto, MeasurementResponse, ReviewMeasurementDto } from '../http/dto/care/measurement.dto';

@ApiTags('care: measurements')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementService) {}

  @Get()
  @ApiOkResponse({ type: [MeasurementResponse], description: "Robots' measurements, newest first; preliminary until a nurse reviews them" })
  async list(@Query() query: MeasurementQueryDto): Promise<MeasurementResponse[]> {
    const list = await this.measurements.list({ residentId: query.resident, wardId: query.ward, taskId: query.task, status: query.status, limit: query.limit ?? 50 });
    return list.map((m) => MeasurementResponse.from(m));
  }

  @Get(':id')
  @ApiOkResponse({ type: MeasurementResponse })
  async get(@Param('id') id: string): Promise<MeasurementResponse> {
    return MeasurementResponse.from(await this.measurements.get(id));
  }

  @Post(':id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: MeasurementResponse, description: 'A nurse confirms (final) or rejects (entered-in-error) it; 403 for anyone else, 409 when reviewed already' })
  async review(@Param('id') id: string, @Body() body: ReviewMeasurementDto, @CurrentStaff() staff: StaffIdentity): Promise<MeasurementResponse> {
    return MeasurementResponse.from(await this.measurements.review(id, body.decision, staff, body.note));
  }
}
