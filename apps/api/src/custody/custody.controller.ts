import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CustodyService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { CustodyEntryResponse } from './custody-entry.response';

const NURSE_ONLY = '403 unless the signed-in member is a nurse; 409 when no robot waits with this medication for this step';

@ApiTags('care: medication custody')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('tasks/:id')
export class CustodyController {
  constructor(private readonly custody: CustodyService) {}

  @Get('custody')
  @ApiOkResponse({ type: [CustodyEntryResponse], description: 'Chain of custody of a medication delivery (or of its return), oldest first' })
  async log(@Param('id') id: string): Promise<CustodyEntryResponse[]> {
    return (await this.custody.log(id)).map((e) => CustodyEntryResponse.from(e));
  }

  @Post('load')
  @HttpCode(200)
  @ApiOkResponse({ type: [CustodyEntryResponse], description: `The nurse at the pharmacy loaded the waiting robot; it leaves. ${NURSE_ONLY}` })
  async load(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<CustodyEntryResponse[]> {
    return (await this.custody.confirmLoad(id, staff)).map((e) => CustodyEntryResponse.from(e));
  }

  @Post('handover')
  @HttpCode(200)
  @ApiOkResponse({ type: [CustodyEntryResponse], description: `The nurse at the room took the medication; the robot opens and finishes. ${NURSE_ONLY}` })
  async handover(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<CustodyEntryResponse[]> {
    return (await this.custody.confirmHandover(id, staff)).map((e) => CustodyEntryResponse.from(e));
  }

  @Post('return')
  @HttpCode(200)
  @ApiOkResponse({ type: [CustodyEntryResponse], description: `The nurse at the pharmacy took back a load whose handover was missed. ${NURSE_ONLY}` })
  async takeBack(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<CustodyEntryResponse[]> {
    return (await this.custody.confirmReturn(id, staff)).map((e) => CustodyEntryResponse.from(e));
  }
}
