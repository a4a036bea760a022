/** A tiny observable value: replace-on-write snapshots for useSyncExternalStore. */
export class StateCell<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  get = (): T => this.value;

  set(update: (current: T) => T): void {
    this.value = update(this.value);
    this.listeners.forEach((listener) => listener());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
