import type { TimerRecord } from '../store/store.ts';

/** A binary min-heap of timers by (dueAt, id): the order every store fires due timers in. */
export class TimerHeap {
  private readonly items: TimerRecord[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerRecord | undefined {
    return this.items[0];
  }

  push(t: TimerRecord): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): TimerRecord | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

// Ids are ASCII, where < is SQLite's binary text order.
function before(a: TimerRecord, b: TimerRecord): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.id < b.id);
}
