/** A timer on the simulated clock; `cancelled` lets the queue drop it lazily instead of searching the heap. */
export interface SimTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/**
 * Binary min-heap of timers ordered by (at, seq). A heap rather than a sorted array because a benchmark fleet keeps
 * thousands of timers alive; `seq` makes equal-time timers fire in the order they were set, which keeps runs
 * deterministic.
 */
export class TimerQueue {
  private readonly heap: SimTimer[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(timer: SimTimer): void {
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
  }

  /** The earliest live timer, discarding cancelled ones on the way. */
  peek(): SimTimer | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
    return this.heap[0];
  }

  pop(): SimTimer | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (this.heap.length > 0 && last) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.heap[i], this.heap[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && before(this.heap[left], this.heap[smallest])) smallest = left;
      if (right < this.heap.length && before(this.heap[right], this.heap[smallest])) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b], this.heap[a]];
  }
}

function before(a: SimTimer, b: SimTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
