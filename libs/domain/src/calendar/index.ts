export * from './calendar-error';
export * from './calendar-year';
export * from './statutory-calendar';
export { type DateOrInstant, shanghaiDateOf } from './shanghai-time';
export { type ClockPause } from './clock-stop';
export { type ComputedDeadline, type Deadline, type DeadlineRequest, MAX_PERIOD } from './deadline';
export * from './working-day-calendar';
export * from './period-progress';
