/** Binary min-heap of integer items keyed by numbers; duplicates allowed (Dijkstra pushes again instead of decrease-key). */
export class MinHeap {
  private readonly keys: number[] = [];
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(key: number, item: number): void {
    this.keys.push(key);
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  /** Key of the smallest entry; undefined when empty. */
  peekKey(): number | undefined {
    return this.keys[0];
  }

  /** Removes and returns the item with the smallest key; undefined when empty. */
  pop(): number | undefined {
    const top = this.items[0];
    const lastKey = this.keys.pop();
    const lastItem = this.items.pop();
    if (this.items.length > 0 && lastKey !== undefined && lastItem !== undefined) {
      this.keys[0] = lastKey;
      this.items[0] = lastItem;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= this.keys[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.keys[left]! < this.keys[smallest]!) smallest = left;
      if (right < n && this.keys[right]! < this.keys[smallest]!) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
}
