import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CareDirectoryService, StaffQueueService, type RequestKey, type StaffIdentity } from '@opiekun/application';
import type { Response } from 'express';
import { CurrentStaff } from '../http/auth/current-staff.decorator';
import { StaffAuthGuard } from '../http/auth/staff-auth.guard';
import { CreateStaffTaskDto, StaffQueueQueryDto, StaffTaskNoteDto, toStaffTaskInput } from '../http/dto/care/staff.dto';
import { TaskResponse } from '../http/dto/task.response';
import { AcceptsIdempotencyKey, IdempotencyKey, markReplayed } from '../http/idempotency-key.decorator';

@ApiTags('care: staff queue')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller()
export class StaffQueueController {
  constructor(
    private readonly queue: StaffQueueService,
    private readonly care: CareDirectoryService,
  ) {}

  @Get('staff-queue')
  @ApiOkResponse({ type: [TaskResponse], description: "Open tasks for staff of the ward (default: the signed-in member's wards), and of no ward" })
  async list(@Query() query: StaffQueueQueryDto, @CurrentStaff() staff: StaffIdentity): Promise<TaskResponse[]> {
    const wards = query.ward ? [query.ward] : await this.care.wardsOf(staff);
    return (await this.queue.queue(wards)).map((t) => TaskResponse.from(t));
  }

  @Post('staff-tasks')
  @ApiCreatedResponse({ type: TaskResponse, description: 'A staff-only task, straight into its ward queue. With `Idempotent-Replayed: true` when the key had made it before' })
  @AcceptsIdempotencyKey('never creates a second task')
  async create(
    @Body() body: CreateStaffTaskDto,
    @CurrentStaff() staff: StaffIdentity,
    @IdempotencyKey() request: RequestKey | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskResponse> {
    const { task, replayed } = await this.queue.createOnce(toStaffTaskInput(body), staff, request);
    markReplayed(res, replayed);
    return TaskResponse.from(task);
  }

  @Post('tasks/:id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse, description: '409 when someone else has it' })
  async claim(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<TaskResponse> {
    return TaskResponse.from(await this.queue.claim(id, staff));
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse, description: 'Done by the staff member who claimed it (claims it first when nobody has)' })
  async complete(@Param('id') id: string, @Body() body: StaffTaskNoteDto, @CurrentStaff() staff: StaffIdentity): Promise<TaskResponse> {
    return TaskResponse.from(await this.queue.complete(id, staff, body.note));
  }

  @Post('tasks/:id/release')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse, description: 'Back to the ward queue for someone else' })
  async release(@Param('id') id: string, @Body() body: StaffTaskNoteDto, @CurrentStaff() staff: StaffIdentity): Promise<TaskResponse> {
    return TaskResponse.from(await this.queue.release(id, staff, body.note));
  }

  @Post('tasks/:id/hand-back')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse, description: 'Back to the fleet; 422 when no robot can do it' })
  async handBack(@Param('id') id: string, @CurrentStaff() staff: StaffIdentity): Promise<TaskResponse> {
    return TaskResponse.from(await this.queue.handBack(id, staff));
  }
}
