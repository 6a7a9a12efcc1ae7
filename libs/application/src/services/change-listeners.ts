/** A minimal typed listener list, for services whose changes the api pushes to live clients. */
export class ChangeListeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Returns the function that removes the listener. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}
