import fc from 'fast-check';
import { dayNumberOf, isoDateOf, shanghaiDayOf } from './calendar-day';

describe('calendar days in Asia/Shanghai', () => {
  it('numbers days from 1970-01-01 so that day differences are calendar days', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2026-11-25') - dayNumberOf('2026-10-08')).toBe(48);
    expect(dayNumberOf('2024-03-01') - dayNumberOf('2024-02-28')).toBe(2);
    expect(dayNumberOf('2100-03-01') - dayNumberOf('2100-02-28')).toBe(1);
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD', () => {
    for (const bad of ['2025-02-29', '2026-13-01', '2026-00-10', '2026-11-31', '2026-1-05', '20261125', '']) {
      expect(() => dayNumberOf(bad)).toThrow(RangeError);
    }
  });

  it('prints a day number back as the same date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 80_000 }), (day) => {
        expect(dayNumberOf(isoDateOf(day))).toBe(day);
      }),
    );
  });

  it('puts 16:00 UTC on the next Shanghai day and 15:59 UTC on the same day', () => {
    expect(shanghaiDayOf('2026-11-24T16:00:00Z')).toBe(dayNumberOf('2026-11-25'));
    expect(shanghaiDayOf('2026-11-24T15:59:59.999Z')).toBe(dayNumberOf('2026-11-24'));
    expect(shanghaiDayOf(new Date('2026-11-24T16:00:00Z'))).toBe(dayNumberOf('2026-11-25'));
  });

  it('honours explicit offsets in every ISO 8601 spelling', () => {
    const nov25 = dayNumberOf('2026-11-25');
    expect(shanghaiDayOf('2026-11-25T00:00:00+08:00')).toBe(nov25);
    expect(shanghaiDayOf('2026-11-25T00:00+0800')).toBe(nov25);
    expect(shanghaiDayOf('2026-11-24T11:00:00-05:00')).toBe(nov25);
    expect(shanghaiDayOf('2026-11-24T10:59:00-05:00')).toBe(nov25 - 1);
    expect(shanghaiDayOf('2026-11-24 23:30:00.123456+08:00')).toBe(nov25 - 1);
  });

  it('reads an instant without offset as Shanghai wall-clock time, never as the host zone', () => {
    expect(shanghaiDayOf('2026-11-25T00:10:00')).toBe(dayNumberOf('2026-11-25'));
    expect(shanghaiDayOf('2026-11-25')).toBe(dayNumberOf('2026-11-25'));
  });

  it('agrees with Date for any instant', () => {
    const min = Date.UTC(1990, 0, 1);
    const max = Date.UTC(2100, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.integer({ min: -12 * 60, max: 14 * 60 }), (ms, offsetMinutes) => {
        const expected = Math.floor((ms + 8 * 3_600_000) / 86_400_000);
        const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(shanghaiDayOf(new Date(ms).toISOString())).toBe(expected);
        expect(shanghaiDayOf(`${local}${offset}`)).toBe(expected);
      }),
    );
  });

  it('refuses what is not an instant', () => {
    expect(() => shanghaiDayOf('yesterday')).toThrow(RangeError);
    expect(() => shanghaiDayOf(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => shanghaiDayOf('2026-11-25T25:00:00Z')).toThrow(RangeError);
  });
});
