import { Injectable } from '@nestjs/common';

/**
 * The workflow's notion of "now". Always the system time in production; tests move it (`travel`) to walk a case
 * through days and holidays on the real calendar without waiting.
 */
@Injectable()
export class ClockService {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  travel(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
