import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Facility, FacilityData } from '@opiekun/domain';
import { FACILITY } from '../tokens';

@ApiTags('facility')
@Controller('facility')
export class FacilityController {
  constructor(@Inject(FACILITY) private readonly facility: Facility) {}

  @Get()
  @ApiOkResponse({ description: 'The facility map: floors, nodes, edges, elevators, rooms, zones' })
  get(): FacilityData {
    return this.facility.data;
  }
}
