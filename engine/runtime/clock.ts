/** The engine never reads the time itself: production passes the system clock, simulation a virtual one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class VirtualClock implements Clock {
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  set(time: number): void {
    if (time < this.time) throw new Error('a virtual clock only moves forward');
    this.time = time;
  }
}
