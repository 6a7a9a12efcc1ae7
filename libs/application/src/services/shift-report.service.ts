import { DomainError, DomainErrorCode, type Task } from '@opiekun/domain';
import type { Clock } from '../ports/clock.port';
import type { TaskStore } from '../ports/task-store.port';
import { summariseShift, type ShiftReport } from './shift-report';
import { isCalendarDate, localDate, zonedDayRange } from './zoned-day';

const PAGE = 500;
/** Tasks that end on a day were created at most this long before it (longer ones are not counted). */
const LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

/** The shift summary for one local day of the facility: what the fleet did, how fast, how punctually. */
export class ShiftReportService {
  constructor(
    private readonly tasks: TaskStore,
    private readonly timezone: string,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return localDate(this.clock.now(), this.timezone);
  }

  async report(date: string = this.today()): Promise<ShiftReport> {
    if (!isCalendarDate(date)) throw new DomainError(DomainErrorCode.InvalidArgument, `date must be a calendar date YYYY-MM-DD, not "${date}"`, 'date');
    const { start, end } = zonedDayRange(date, this.timezone);
    const tasks = await this.createdBetween(start - LOOKBACK_MS, end);
    return summariseShift(tasks, { date, timezone: this.timezone, from: start, to: end });
  }

  private async createdBetween(from: number, to: number): Promise<Task[]> {
    const all: Task[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.tasks.query({ createdFrom: from, createdTo: to, status: ['completed', 'failed', 'cancelled'], limit: PAGE, offset });
      all.push(...page.items);
      if (page.items.length < PAGE || all.length >= page.total) return all;
    }
  }
}
