import { STATUTORY_CALENDAR_2024_2026 } from './statutory-calendar';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar(STATUTORY_CALENDAR_2024_2026);

// The screening clock of the contract example: submitted Wednesday 2026-11-25, 5 working days, due 2026-12-02.
const screening = { from: '2026-11-25T10:00:00+08:00', period: 5, clock: 'working_days' as const };

describe('clock stops on the working-day clock (screening while awaiting correction)', () => {
  it('without a pause, computeDeadline gives the plain period, not paused', () => {
    expect(calendar.computeDeadline(screening)).toEqual({
      ...calendar.addWorkingDays('2026-11-25', 5),
      paused: false,
    });
  });

  it('a correction requested on Friday 11-27 and answered on Thursday 12-03 pushes screening to 12-09', () => {
    // Counted: Nov 26 (1); stopped Nov 27 – Dec 3 (stop and restart days included); Dec 4 (2), 7, 8, 9 (5).
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-27T10:00:00+08:00', to: '2026-12-03T15:00:00+08:00' }],
    });
    expect(deadline).toEqual({
      dueDate: '2026-12-09',
      dueAt: '2026-12-10T00:00:00+08:00',
      clock: 'working_days',
      provisional: false,
      paused: false,
    });
  });

  it('a pause of a few hours within one working day costs that whole day', () => {
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-26T10:00:00+08:00', to: '2026-11-26T15:00:00+08:00' }],
    });
    expect(deadline.dueDate).toBe('2026-12-03');
  });

  it('a pause that ends at exactly midnight does not stop the clock on the next day', () => {
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-26T10:00:00+08:00', to: '2026-11-27T00:00:00+08:00' }],
    });
    expect(deadline.dueDate).toBe('2026-12-03');
  });

  it('a pause over a weekend only moves nothing: no working day was lost', () => {
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-28T10:00:00+08:00', to: '2026-11-29T18:00:00+08:00' }],
    });
    expect(deadline.dueDate).toBe('2026-12-02');
  });

  it('a pause that starts after the period ran out does not revive it', () => {
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-12-03T09:00:00+08:00', to: '2026-12-05T09:00:00+08:00' }],
    });
    expect(deadline.dueDate).toBe('2026-12-02');
  });

  it('a pause before submission changes nothing', () => {
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-20T09:00:00+08:00', to: '2026-11-24T09:00:00+08:00' }],
    });
    expect(deadline.dueDate).toBe('2026-12-02');
  });

  it('overlapping pauses stop the clock once, not twice', () => {
    const single = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-27T10:00:00+08:00', to: '2026-12-01T09:00:00+08:00' }],
    });
    const overlapping = calendar.computeDeadline({
      ...screening,
      pauses: [
        { from: '2026-11-30T09:00:00+08:00', to: '2026-12-01T09:00:00+08:00' },
        { from: '2026-11-27T10:00:00+08:00', to: '2026-11-30T10:00:00+08:00' },
      ],
    });
    expect(overlapping.dueDate).toBe('2026-12-07');
    expect(single.dueDate).toBe('2026-12-07');
  });

  it('while the complainant has not yet answered, the deadline is the earliest one and marked paused', () => {
    // Stopped Nov 27 up to today Dec 1: Nov 26 (1), Dec 2 (2), 3, 4, 7 (5).
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-11-27T10:00:00+08:00', to: null }],
      now: '2026-12-01T12:00:00+08:00',
    });
    expect(deadline).toMatchObject({ dueDate: '2026-12-07', dueAt: '2026-12-08T00:00:00+08:00', paused: true });
  });

  it('an open pause that began after the period ran out does not mark the deadline paused', () => {
    const deadline = calendar.computeDeadline({
      ...screening,
      pauses: [{ from: '2026-12-03T10:00:00+08:00', to: null }],
      now: '2026-12-05T12:00:00+08:00',
    });
    expect(deadline).toMatchObject({ dueDate: '2026-12-02', paused: false });
  });

  it('an open pause needs to know what time it is now', () => {
    expect(() =>
      calendar.computeDeadline({ ...screening, pauses: [{ from: '2026-11-27T10:00:00+08:00', to: null }] }),
    ).toThrow(expect.objectContaining({ code: 'missing_now' }));
  });

  it('a pause that ends before it starts is refused', () => {
    expect(() =>
      calendar.computeDeadline({
        ...screening,
        pauses: [{ from: '2026-11-27T10:00:00+08:00', to: '2026-11-27T09:00:00+08:00' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_pause' }));
  });
});

describe('clock stops on the calendar-day clock (fast track awaiting an expert)', () => {
  // Accepted Monday 2026-11-02, 10 calendar days: due Thursday 11-12.
  const fastTrack = { from: '2026-11-02T10:00:00+08:00', period: 10, clock: 'calendar_days' as const };

  it('an expert opinion from Wednesday 11-04 to Friday 11-06 adds three days, then the Sunday moves to Monday', () => {
    const deadline = calendar.computeDeadline({
      ...fastTrack,
      pauses: [{ from: '2026-11-04T10:00:00+08:00', to: '2026-11-06T16:00:00+08:00' }],
    });
    expect(deadline).toEqual({
      dueDate: '2026-11-16',
      dueAt: '2026-11-17T00:00:00+08:00',
      clock: 'calendar_days',
      provisional: false,
      paused: false,
    });
  });

  it('an opinion still awaited on 11-10 gives the earliest end 11-19, paused', () => {
    const deadline = calendar.computeDeadline({
      ...fastTrack,
      pauses: [{ from: '2026-11-04T10:00:00+08:00', to: null }],
      now: '2026-11-10T09:00:00+08:00',
    });
    expect(deadline).toMatchObject({ dueDate: '2026-11-19', paused: true });
  });

  it('a pause during the weekend after the last day still delays the end past it', () => {
    // 15 days from Friday 11-13 end on Saturday 11-28, moved to Monday 11-30; stopped Sun 11-29 to Tue 12-01.
    const deadline = calendar.computeDeadline({
      from: '2026-11-13',
      period: 15,
      clock: 'calendar_days',
      pauses: [{ from: '2026-11-29T10:00:00+08:00', to: '2026-12-01T10:00:00+08:00' }],
    });
    expect(deadline.dueDate).toBe('2026-12-02');
  });
});

describe('clock stops on the hours clock (transfer package handover)', () => {
  const handover = { from: '2026-11-25T16:00:00+08:00', period: 24, clock: 'hours' as const };

  it('a pause of two and a half hours pushes the handover out by exactly that', () => {
    const deadline = calendar.computeDeadline({
      ...handover,
      pauses: [{ from: '2026-11-25T18:00:00+08:00', to: '2026-11-25T20:30:00+08:00' }],
    });
    expect(deadline).toEqual({
      dueDate: '2026-11-26',
      dueAt: '2026-11-26T18:30:00+08:00',
      clock: 'hours',
      provisional: false,
      paused: false,
    });
  });

  it('only the part of a pause after the start counts', () => {
    const deadline = calendar.computeDeadline({
      ...handover,
      pauses: [{ from: '2026-11-25T15:00:00+08:00', to: '2026-11-25T17:00:00+08:00' }],
    });
    expect(deadline.dueAt).toBe('2026-11-26T17:00:00+08:00');
  });

  it('a pause after the first extension still counts while the clock is running', () => {
    const deadline = calendar.computeDeadline({
      ...handover,
      pauses: [
        { from: '2026-11-25T18:00:00+08:00', to: '2026-11-26T18:00:00+08:00' },
        { from: '2026-11-27T10:00:00+08:00', to: '2026-11-27T12:00:00+08:00' },
      ],
    });
    expect(deadline.dueAt).toBe('2026-11-27T18:00:00+08:00');
  });

  it('a pause after the handover time has passed is ignored', () => {
    const deadline = calendar.computeDeadline({
      ...handover,
      pauses: [{ from: '2026-11-26T17:00:00+08:00', to: '2026-11-26T18:00:00+08:00' }],
    });
    expect(deadline.dueAt).toBe('2026-11-26T16:00:00+08:00');
  });

  it('an open pause counts up to now and marks the deadline paused', () => {
    const deadline = calendar.computeDeadline({
      ...handover,
      pauses: [{ from: '2026-11-25T18:00:00+08:00', to: null }],
      now: new Date('2026-11-25T11:00:00Z'),
    });
    expect(deadline).toMatchObject({ dueAt: '2026-11-26T17:00:00+08:00', paused: true });
  });
});
