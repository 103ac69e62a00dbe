import { afterEach, describe, expect, it } from 'vitest';
import { dropAhead, startAhead, takeWorker } from '../../src/workers/ahead';

/** A stand-in for a browser Worker: it can raise an error event and records whether it was ended. */
class FakeWorker extends EventTarget {
  terminated = false;
  terminate(): void {
    this.terminated = true;
  }
}

function spawner() {
  const made: FakeWorker[] = [];
  const spawn = (): Worker => {
    const worker = new FakeWorker();
    made.push(worker);
    return worker as unknown as Worker;
  };
  return { made, spawn };
}

afterEach(() => dropAhead());

describe('workers started ahead of their page', () => {
  it('hands the page the worker started ahead, once', () => {
    const { made, spawn } = spawner();
    startAhead('images', spawn);
    startAhead('images', spawn); // already waiting: not a second one
    expect(made).toHaveLength(1);
    expect(takeWorker('images', spawn)).toBe(made[0]);
    // The next page of that kind gets a fresh worker, not the one already taken.
    expect(takeWorker('images', spawn)).toBe(made[1]);
    expect(made[0]!.terminated).toBe(false);
  });

  it('starts a fresh worker when none was started ahead', () => {
    const { made, spawn } = spawner();
    expect(takeWorker('images', spawn)).toBe(made[0]);
    expect(made).toHaveLength(1);
  });

  it('never hands out a worker that failed while nobody listened: it ends it and starts another', () => {
    const { made, spawn } = spawner();
    startAhead('images', spawn);
    made[0]!.dispatchEvent(new Event('error'));
    const taken = takeWorker('images', spawn);
    expect(made[0]!.terminated).toBe(true);
    expect(taken).toBe(made[1]);
  });

  it('ends the workers no page took when the route moves on, but the one asked to keep', () => {
    const { made, spawn } = spawner();
    startAhead('images', spawn);
    dropAhead('images');
    expect(made[0]!.terminated).toBe(false);
    dropAhead();
    expect(made[0]!.terminated).toBe(true);
    expect(takeWorker('images', spawn)).toBe(made[1]);
  });
});
