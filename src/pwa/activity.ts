/**
 * Work in progress that a page reload would stop (a training run), so that the update banner can say so
 * honestly. A page calls `startActivity` when the work starts and the returned function when it ends.
 */
type Listener = () => void;

const running = new Map<symbol, string>();
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener();
}

/** Registers running work, e.g. 'Training in the Arena'; returns the function that ends it (idempotent). */
export function startActivity(label: string): () => void {
  const key = Symbol(label);
  running.set(key, label);
  notify();
  return () => {
    if (running.delete(key)) notify();
  };
}

/** Labels of the work running now, each once, in the order it started. */
export function runningActivities(): string[] {
  return [...new Set(running.values())];
}

/** Calls `listener` whenever work starts or ends; returns the unsubscribe function. */
export function onActivityChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
