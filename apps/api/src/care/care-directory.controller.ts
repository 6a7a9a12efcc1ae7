import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CareDirectoryService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { ResidentQueryDto, ResidentResponse, SaveResidentDto } from '../http/dto/care/resident.dto';
import { AssignWardsDto, StaffMemberResponse } from '../http/dto/care/staff.dto';
import { SaveWardDto, WardResponse } from '../http/dto/care/ward.dto';

@ApiTags('care: wards')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('wards')
export class WardsController {
  constructor(private readonly care: CareDirectoryService) {}

  @Get()
  @ApiOkResponse({ type: [WardResponse] })
  async list(): Promise<WardResponse[]> {
    return (await this.care.listWards()).map((w) => WardResponse.from(w));
  }

  @Get(':id')
  @ApiOkResponse({ type: WardResponse })
  async get(@Param('id') id: string): Promise<WardResponse> {
    return WardResponse.from(await this.care.ward(id));
  }

  @Put(':id')
  @ApiOkResponse({ type: WardResponse, description: 'Created or changed (nurse, manager)' })
  async save(@Param('id') id: string, @Body() body: SaveWardDto, @CurrentStaff() staff: StaffIdentity): Promise<WardResponse> {
    return WardResponse.from(await this.care.saveWard({ id, ...body }, staff));
  }
}

@ApiTags('care: residents')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('residents')
export class ResidentsController {
  constructor(private readonly care: CareDirectoryService) {}

  @Get()
  @ApiOkResponse({ type: [ResidentResponse] })
  async list(@Query() query: ResidentQueryDto): Promise<ResidentResponse[]> {
    const residents = await this.care.listResidents({ wardId: query.ward ? [query.ward] : undefined, roomId: query.room, includeDischarged: query.includeDischarged });
    return residents.map((r) => ResidentResponse.from(r));
  }

  @Get(':id')
  @ApiOkResponse({ type: ResidentResponse })
  async get(@Param('id') id: string): Promise<ResidentResponse> {
    return ResidentResponse.from(await this.care.resident(id));
  }

  @Post()
  @ApiCreatedResponse({ type: ResidentResponse, description: 'Admitted (nurse, manager); 409 when the bed is taken' })
  async admit(@Body() body: SaveResidentDto, @CurrentStaff() staff: StaffIdentity): Promise<ResidentResponse> {
    return ResidentResponse.from(await this.care.admit(body, staff));
  }

  @Put(':id')
  @ApiOkResponse({ type: ResidentResponse, description: "Changed or moved; the resident's future plan tasks follow" })
  async update(@Param('id') id: string, @Body() body: SaveResidentDto, @CurrentStaff() staff: StaffIdentity): Promise<ResidentResponse> {
    return ResidentResponse.from(await this.care.update(id, body, staff));
  }

  @Post(':id/discharge')
  @HttpCode(200)
  @ApiOkResponse({ type: ResidentResponse, description: 'Their plans stop; plan tasks nobody started are cancelled' })
  async discharge(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<ResidentResponse> {
    return ResidentResponse.from(await this.care.discharge(id, staff));
  }
}

@ApiTags('care: staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff')
export class StaffController {
  constructor(private readonly care: CareDirectoryService) {}

  @Get()
  @ApiOkResponse({ type: [StaffMemberResponse] })
  async list(): Promise<StaffMemberResponse[]> {
    return (await this.care.listStaff()).map((m) => StaffMemberResponse.from(m));
  }

  @Put(':id/wards')
  @ApiOkResponse({ type: StaffMemberResponse, description: 'The wards a staff member works on (managers)' })
  async assign(@Param('id') id: string, @Body() body: AssignWardsDto, @CurrentStaff() staff: StaffIdentity): Promise<StaffMemberResponse> {
    return StaffMemberResponse.from(await this.care.assignWards(id, body.wardIds, staff));
  }
}
