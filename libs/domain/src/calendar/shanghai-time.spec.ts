import { STATUTORY_CALENDAR_2024_2026 } from './statutory-calendar';
import { formatShanghaiInstant, shanghaiDateOf, toInstant } from './shanghai-time';
import { WorkingDayCalendar } from './working-day-calendar';
import { reminderAt } from './period-progress';

// Jest gives each test file a copy of process.env, so TZ cannot be switched from here; instead every Date method
// that depends on the host zone throws while the calendar computes, which shows no host zone can leak in.
const HOST_ZONE_METHODS = [
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds',
  'getTimezoneOffset', 'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds',
  'setMilliseconds', 'toString', 'toDateString', 'toTimeString', 'toLocaleString', 'toLocaleDateString',
  'toLocaleTimeString',
] as const;

describe('Asia/Shanghai time, whatever the host zone', () => {
  beforeEach(() => {
    for (const method of HOST_ZONE_METHODS) {
      jest.spyOn(Date.prototype, method).mockImplementation(() => {
        throw new Error(`host time zone used: Date.prototype.${method}`);
      });
    }
    jest.spyOn(Date, 'parse').mockImplementation(() => {
      throw new Error('host time zone used: Date.parse');
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('a complaint at 23:30 UTC on 11-24 is due 12-02 and a handover keeps +08:00, without the host zone', () => {
    const calendar = new WorkingDayCalendar(STATUTORY_CALENDAR_2024_2026);
    const submitted = new Date(Date.UTC(2026, 10, 24, 23, 30));
    expect(calendar.addWorkingDays(submitted, 5)).toEqual({
      dueDate: '2026-12-02',
      dueAt: '2026-12-03T00:00:00+08:00',
      clock: 'working_days',
      provisional: false,
    });
    expect(calendar.addWorkingDays('2026-11-24T23:30:00Z', 5).dueDate).toBe('2026-12-02');
    expect(calendar.addHours(submitted, 24).dueAt).toBe('2026-11-26T07:30:00+08:00');
    const answerPeriod = calendar.computeDeadline({ from: submitted, period: 15, clock: 'calendar_days' });
    expect(answerPeriod.dueDate).toBe('2026-12-10');
    expect(calendar.isWorkingDay(new Date(Date.UTC(2026, 8, 30, 17)))).toBe(false);
    expect(calendar.workingDaysBetween(submitted, '2026-12-02T23:00:00+08:00')).toBe(5);
    expect(shanghaiDateOf('2026-03-29T01:30:00')).toBe('2026-03-29');
    expect(reminderAt(submitted, '2026-12-03T00:00:00+08:00')).toBe('2026-12-01T11:06:00+08:00');
  });
});

describe('reading and writing instants', () => {
  it.each([
    ['2026-11-25T00:00:00+08:00', '2026-11-24T16:00:00.000Z'],
    ['2026-11-25T00:00:00Z', '2026-11-25T00:00:00.000Z'],
    ['2026-11-25t00:00:00z', '2026-11-25T00:00:00.000Z'],
    ['2026-11-25T05:30-0530', '2026-11-25T11:00:00.000Z'],
    ['2026-11-25T10:00:00.5+08', '2026-11-25T02:00:00.500Z'],
    ['2026-11-25T10:00:00.123456789+08:00', '2026-11-25T02:00:00.123Z'],
    ['2026-11-25 10:00', '2026-11-25T02:00:00.000Z'],
    ['2026-11-25', '2026-11-24T16:00:00.000Z'],
  ])('%s is %s', (text, utc) => {
    expect(new Date(toInstant(text)).toISOString()).toBe(utc);
  });

  it('writes instants with +08:00 and milliseconds only when there are some', () => {
    expect(formatShanghaiInstant(Date.parse('2026-12-02T16:00:00Z'))).toBe('2026-12-03T00:00:00+08:00');
    expect(formatShanghaiInstant(Date.parse('2026-12-31T23:59:59.007Z'))).toBe('2027-01-01T07:59:59.007+08:00');
  });

  it('gives the Shanghai date of an instant and leaves a date as it is', () => {
    expect(shanghaiDateOf('2026-11-24T23:30:00Z')).toBe('2026-11-25');
    expect(shanghaiDateOf('2026-11-24')).toBe('2026-11-24');
    expect(shanghaiDateOf(new Date('2024-02-29T16:00:00Z'))).toBe('2024-03-01');
  });
});
