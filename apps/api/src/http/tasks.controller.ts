import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Cause } from '@opiekun/domain';
import { RequestCause } from './auth/current-staff.decorator';
import { OptionalStaffAuthGuard } from './auth/staff-auth.guard';
import { TaskService, type RequestKey } from '@opiekun/application';
import { CreateTaskDto } from './dto/create-task.dto';
import { TaskQueryDto } from './dto/task-query.dto';
import { AcceptsIdempotencyKey, IdempotencyKey, markReplayed } from './idempotency-key.decorator';
import { TaskPageResponse, TaskResponse } from './dto/task.response';
import { toNewTaskInput, toTaskQuery } from './task-input.mapper';

@ApiTags('tasks')
@ApiBearerAuth()
@UseGuards(OptionalStaffAuthGuard)
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TaskService) {}

  @Post()
  @ApiCreatedResponse({ type: TaskResponse, description: 'Created; with `Idempotent-Replayed: true` when the key had made it before' })
  @AcceptsIdempotencyKey('never creates a second task')
  async create(
    @Body() body: CreateTaskDto,
    @RequestCause() cause: Cause,
    @IdempotencyKey() request: RequestKey | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TaskResponse> {
    if (request === undefined) return TaskResponse.from(await this.tasks.create(toNewTaskInput(body), cause));
    const { task, replayed } = await this.tasks.createOnce(toNewTaskInput(body), cause, request);
    markReplayed(res, replayed);
    return TaskResponse.from(task);
  }

  @Get()
  @ApiOkResponse({ type: TaskPageResponse })
  async list(@Query() query: TaskQueryDto): Promise<TaskPageResponse> {
    const q = toTaskQuery(query);
    const page = await this.tasks.list(q);
    return { items: page.items.map((t) => TaskResponse.from(t)), total: page.total, limit: q.limit, offset: q.offset };
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskResponse })
  async get(@Param('id') id: string): Promise<TaskResponse> {
    const { task, history } = await this.tasks.get(id);
    return TaskResponse.from(task, history);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskResponse })
  async cancel(@Param('id') id: string, @RequestCause() cause: Cause): Promise<TaskResponse> {
    return TaskResponse.from(await this.tasks.cancel(id, { ...cause, reason: cause.kind === 'staff' ? `cancelled by ${cause.id}` : 'cancelled over the api' }));
  }
}
