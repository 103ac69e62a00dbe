import { afterEach, describe, expect, it, vi } from 'vitest';
import sections from '../../src/ui/studio/studio-sections.json';
import { parseHash } from '../../src/ui/router';
import { aheadJobFor, IMAGE_SECTIONS, startRouteWorkers } from '../../src/ui/route-workers';
import { dropAhead } from '../../src/workers/ahead';

afterEach(() => {
  dropAhead();
  vi.unstubAllGlobals();
});

describe('the worker a route starts ahead of its page', () => {
  it('is the image worker for every Studio section that trains an image model, and only those', () => {
    const imageSections = sections.filter((s) => s.module.startsWith('./images/')).map((s) => s.id);
    expect([...IMAGE_SECTIONS].sort()).toEqual(imageSections.sort());
    for (const id of imageSections) expect(aheadJobFor(parseHash(`#/studio/${id}`))).toBe('images');
    expect(aheadJobFor(parseHash('#/studio/digit-gan/resume/abc'))).toBe('images');
    for (const hash of ['#/studio', '#/studio/gan-2d', '#/arena', '#/learn/digit-gan', '#/'])
      expect(aheadJobFor(parseHash(hash))).toBeNull();
  });

  it('starts one worker per visit of an image page, none within the page, and ends it when left untaken', () => {
    const made: { name: string; terminated: boolean }[] = [];
    class FakeWorker extends EventTarget {
      name: string;
      terminated = false;
      constructor(_url: URL, options: { name: string }) {
        super();
        this.name = options.name;
        made.push(this);
      }
      terminate(): void {
        this.terminated = true;
      }
    }
    vi.stubGlobal('Worker', FakeWorker);
    startRouteWorkers(parseHash('#/studio/digit-gan'));
    expect(made.map((w) => w.name)).toEqual(['images']);
    startRouteWorkers(parseHash('#/studio/digit-gan/resume/abc')); // the same page: nothing new
    expect(made).toHaveLength(1);
    startRouteWorkers(parseHash('#/arena'));
    expect(made[0]!.terminated).toBe(true);
    startRouteWorkers(parseHash('#/studio/vae'));
    expect(made).toHaveLength(2);
    expect(made[1]!.terminated).toBe(false);
  });
});
