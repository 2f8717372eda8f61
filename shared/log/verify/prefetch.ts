/**
 * Runs `load(0)`, `load(1)`, … `load(count - 1)` at most `window` ahead of the consumer and yields the
 * results in order: a long log streams through with bounded memory and bounded requests in flight.
 */
export async function* prefetch<T>(count: number, load: (i: number) => Promise<T>, window: number): AsyncGenerator<T> {
  const pending: Promise<T>[] = [];
  let next = 0;
  const start = () => {
    const promise = load(next++);
    // Marked handled: when the consumer stops early, loads still in flight must not crash the process.
    promise.catch(() => undefined);
    pending.push(promise);
  };
  while (next < count && pending.length < window) start();
  while (pending.length > 0) {
    const value = await pending.shift()!;
    if (next < count) start();
    yield value;
  }
}
