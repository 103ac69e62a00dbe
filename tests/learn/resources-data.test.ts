import { describe, expect, it } from 'vitest';
import { RESOURCES, RESOURCE_KINDS } from '../../src/learn/resources-data';
import {
  countByKind,
  DEFAULT_RESOURCE_FILTER,
  filterResources,
  matchesResourceQuery,
} from '../../src/learn/resources-search';
import type { ResourceFilter } from '../../src/learn/resources-search';

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('resources data', () => {
  it('has unique kebab-case ids and unique titles', () => {
    expect(new Set(ids(RESOURCES)).size).toBe(RESOURCES.length);
    expect(new Set(RESOURCES.map((r) => r.title)).size).toBe(RESOURCES.length);
    for (const r of RESOURCES) expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives every resource an allowed kind, and every kind has resources', () => {
    for (const r of RESOURCES) expect(RESOURCE_KINDS, r.id).toContain(r.kind);
    const counts = countByKind(RESOURCES);
    for (const kind of RESOURCE_KINDS) expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });

  it('links only to absolute https addresses, each at most once', () => {
    const urls = RESOURCES.flatMap((r) => (r.url === undefined ? [] : [r.url]));
    for (const url of urls) {
      expect(new URL(url).protocol, url).toBe('https:');
    }
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('keeps years plausible and notes short', () => {
    for (const r of RESOURCES) {
      if (r.year !== undefined) {
        expect(Number.isInteger(r.year), r.id).toBe(true);
        expect(r.year, r.id).toBeGreaterThanOrEqual(1980);
        expect(r.year, r.id).toBeLessThanOrEqual(2026);
      }
      expect(r.note.length, r.id).toBeGreaterThan(20);
      expect(r.note.length, r.id).toBeLessThanOrEqual(240);
    }
  });

  it('includes the survey’s headline resources with their authors', () => {
    const book = RESOURCES.find((r) => r.id === 'goodfellow-deep-learning');
    expect(book?.by).toBe('Ian Goodfellow, Yoshua Bengio, Aaron Courville');
    expect(RESOURCES.find((r) => r.title === 'Deep Learning Specialization')?.by).toContain('Andrew Ng');
    for (const title of ['TensorFlow', 'PyTorch', 'Keras', 'Google Colab', 'Kaggle', 'arXiv', 'Distill'])
      expect(RESOURCES.map((r) => r.title)).toContain(title);
  });
});

describe('resources filter', () => {
  const run = (patch: Partial<ResourceFilter>) =>
    ids(filterResources(RESOURCES, { ...DEFAULT_RESOURCE_FILTER, ...patch }));

  it('shows everything by default, grouped by kind in the kinds’ order', () => {
    const all = filterResources(RESOURCES, DEFAULT_RESOURCE_FILTER);
    expect(all).toHaveLength(RESOURCES.length);
    const kindIndex = all.map((r) => RESOURCE_KINDS.indexOf(r.kind));
    expect(kindIndex).toEqual([...kindIndex].sort((a, b) => a - b));
  });

  it('filters by one or several kinds', () => {
    expect(run({ kinds: new Set(['book']) }).sort()).toEqual(
      ['chollet-deep-learning-python', 'geron-hands-on-ml', 'goodfellow-deep-learning'].sort(),
    );
    const two = filterResources(RESOURCES, {
      ...DEFAULT_RESOURCE_FILTER,
      kinds: new Set(['book', 'platform']),
    });
    expect(new Set(two.map((r) => r.kind))).toEqual(new Set(['book', 'platform']));
    expect(two).toHaveLength(
      (countByKind(RESOURCES).get('book') ?? 0) + (countByKind(RESOURCES).get('platform') ?? 0),
    );
  });

  it('searches titles, authors (without accents), notes, tags and kind names', () => {
    expect(run({ query: 'francois' })).toEqual(['chollet-deep-learning-python']);
    expect(run({ query: 'geron' })).toEqual(['geron-hands-on-ml']);
    expect(run({ query: 'bengio' })).toEqual(['goodfellow-deep-learning']);
    expect(run({ query: 'ONNX Runtime' })).toEqual(['onnx']);
    expect(run({ query: 'conferences' }).sort()).toEqual(['cvpr', 'icml', 'neurips', 'workshops']);
    expect(run({ query: 'keras', kinds: new Set(['book']) }).sort()).toEqual(
      ['chollet-deep-learning-python', 'geron-hands-on-ml'].sort(),
    );
    expect(run({ query: 'quantum' })).toEqual([]);
  });

  it('sorts by title ignoring case, accents and "r/"', () => {
    const titles = filterResources(RESOURCES, { ...DEFAULT_RESOURCE_FILTER, sort: 'title' }).map(
      (r) => r.title,
    );
    expect(titles[0]).toBe('Apache MXNet');
    // "r/deeplearning" files under D, not R.
    expect(titles.indexOf('r/deeplearning')).toBeGreaterThan(titles.indexOf('Deep Learning with Python'));
    expect(titles.indexOf('r/deeplearning')).toBeLessThan(titles.indexOf('Distill'));
    expect(titles.indexOf('arXiv')).toBeLessThan(titles.indexOf('Caffe'));
  });

  it('sorts by year, newest first, undated last', () => {
    const sorted = filterResources(RESOURCES, { ...DEFAULT_RESOURCE_FILTER, sort: 'year' });
    const years = sorted.map((r) => r.year);
    const dated = years.filter((year): year is number => year !== undefined);
    expect(dated).toEqual([...dated].sort((a, b) => b - a));
    expect(years.slice(0, dated.length).every((year) => year !== undefined)).toBe(true);
    expect(years.slice(dated.length).every((year) => year === undefined)).toBe(true);
  });

  it('does not reorder the input', () => {
    const before = ids(RESOURCES);
    filterResources(RESOURCES, { ...DEFAULT_RESOURCE_FILTER, sort: 'title' });
    expect(ids(RESOURCES)).toEqual(before);
  });
});

describe('matchesResourceQuery', () => {
  it('agrees with the filter', () => {
    for (const query of ['keras', 'conference', '2016', 'reddit forum', 'nothing-at-all']) {
      const byFilter = run(query);
      expect(
        RESOURCES.filter((r) => matchesResourceQuery(r, query))
          .map((r) => r.id)
          .sort(),
        query,
      ).toEqual([...byFilter].sort());
    }
  });
});

function run(query: string): string[] {
  return filterResources(RESOURCES, { ...DEFAULT_RESOURCE_FILTER, query }).map((r) => r.id);
}
