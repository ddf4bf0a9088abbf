import { appendAudit } from '@lyg/audit';
import { type Caller, CurrentCaller, Public, Roles } from '@lyg/auth';
import { AppError, CalendarError, CLOCKS, type Clock, MAX_PERIOD } from '@lyg/domain';
import { CalendarService } from '@lyg/workflow';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';

export class DeadlineQuery {
  @ApiProperty({ example: '2026-11-25', description: 'a date, or for `hours` an ISO 8601 instant' })
  @IsDefined() @IsString() @MaxLength(40)
  from: string;

  @ApiProperty({ example: 5 })
  @IsDefined() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PERIOD)
  period: number;

  @ApiPropertyOptional({ enum: CLOCKS, default: 'working_days' })
  @IsIn(CLOCKS)
  clock: Clock = 'working_days';
}

export class HolidayRangeDto {
  // Text here: the calendar checks every date of the year's data and names its line (CalendarYearDto.workdays).
  @ApiProperty({ format: 'date', example: '2027-02-06' }) @IsDefined() @IsString() from: string;
  @ApiProperty({ format: 'date', example: '2027-02-13' }) @IsDefined() @IsString() to: string;
}

export class CalendarYearDto {
  @ApiProperty({ type: [HolidayRangeDto] })
  @IsDefined() @IsArray() @ArrayMaxSize(40) @ValidateNested({ each: true }) @Type(() => HolidayRangeDto)
  holidays: HolidayRangeDto[];

  @ApiProperty({ type: 'array', items: { type: 'string', format: 'date' }, example: ['2027-02-20'] })
  // Text here: whether each is a date of the year is the calendar's check, which names the line (`workdays[2]`) as it
  // does every other defect of the data; a check here would stop before it, and could name only the list.
  @IsDefined() @IsArray() @ArrayMaxSize(40) @IsString({ each: true })
  workdays: string[];
}

/**
 * CalendarError → 422 naming the field: `from` or `period` of the calculator; for calendar data, the line of the
 * year sent (`holidays[1].to`, `workdays[0]`) with what is wrong with it.
 */
function calendarProblem(e: unknown, field: string, year?: number): never {
  if (e instanceof CalendarError) {
    if (e.code === 'invalid_calendar' && e.details.length) {
      const own = e.details.filter((d) => d.year === year);
      const lines = own.length ? own : e.details;
      throw AppError.validation(
        lines.map((d) => (d.code === 'not_a_date' ? { field: d.field, code: 'date' } : d.code === 'not_a_year' ? { field: 'year', code: 'invalid' } : { field: d.field, code: d.code, params: d.params })),
      );
    }
    const f = e.code === 'invalid_period' ? 'period' : e.code === 'invalid_calendar' ? field : 'from';
    throw AppError.validation(
      e.problems.length ? e.problems.map((p) => ({ field: f, code: 'calendar_data', params: { detail: p } })) : [{ field: f, code: e.code === 'invalid_period' ? 'invalid' : 'date' }],
    );
  }
  throw e;
}

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

/** The `:year` of the path: four digits within the years a calendar can describe, else 422 naming `year`. */
function yearOf(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(year)) throw AppError.validation([{ field: 'year', code: 'type_integer' }]);
  if (year < FIRST_YEAR) throw AppError.validation([{ field: 'year', code: 'min', params: { min: FIRST_YEAR } }]);
  if (year > LAST_YEAR) throw AppError.validation([{ field: 'year', code: 'max', params: { max: LAST_YEAR } }]);
  return year;
}

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly ds: DataSource,
  ) {}

  /** The deadline calculator (期限计算器): the same code that sets case deadlines. */
  @Public()
  @Get('calendar/deadline')
  async deadline(@Query() q: DeadlineQuery) {
    const calendar = await this.calendars.calendar();
    try {
      const d = calendar.computeDeadline({ from: q.from, period: q.period, clock: q.clock });
      return { from: q.from, period: q.period, clock: q.clock, dueDate: d.dueDate, dueAt: d.dueAt, provisional: d.provisional };
    } catch (e) {
      calendarProblem(e, 'from');
    }
  }

  @Public()
  @Get('calendar/:year')
  async year(@Param('year') text: string) {
    const year = yearOf(text);
    return (await this.calendars.calendar()).describeYear(year);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Put('admin/calendar/:year')
  async putYear(@CurrentCaller() caller: Caller, @Param('year') text: string, @Body() dto: CalendarYearDto) {
    const year = yearOf(text);
    try {
      await this.ds.transaction(async (m) => {
        const deadlinesMoved = await this.calendars.putYear(m, { year, holidays: dto.holidays, workdays: dto.workdays });
        await appendAudit(m, {
          caseId: null,
          actorId: caller.userId,
          actorRole: caller.role,
          organizationId: caller.organizationId,
          action: 'calendar_year_set',
          fromState: null,
          toState: null,
          payload: dto,
          details: { year, deadlinesMoved },
          principles: ['fast'],
        });
      });
    } catch (e) {
      calendarProblem(e, 'holidays', year);
    } finally {
      // What was read while the change was under way is the old data: the next read takes the committed one.
      this.calendars.forget();
    }
    return (await this.calendars.calendar()).describeYear(year);
  }
}
