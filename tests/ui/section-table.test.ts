import { describe, expect, it } from 'vitest';
import { sectionsFromTable, type SectionEntry } from '../../src/ui/components/section-table';
import { LEARN_PANELS } from '../../src/ui/learn/learn-panels';
import { STUDIO_SECTIONS } from '../../src/ui/studio/studio-sections';

const entry = (id: string, order: number): SectionEntry => ({
  id,
  order,
  title: id,
  summary: `About ${id}`,
  keywords: [id],
  element: `pg-${id}-panel`,
  module: `./${id}/${id}-panel.ts`,
});

const loader = (): Promise<unknown> => Promise.resolve({});

describe('sectionsFromTable', () => {
  it('sorts by order and loads each section through its own module', () => {
    const b = (): Promise<unknown> => Promise.resolve('b');
    const sections = sectionsFromTable([entry('b', 2), entry('a', 1)], {
      './a/a-panel.ts': loader,
      './b/b-panel.ts': b,
    });
    expect(sections.map((s) => s.id)).toEqual(['a', 'b']);
    expect(sections[1]!.load).toBe(b);
  });

  it("renders the row's element and hands it the rest of the route", () => {
    const [section] = sectionsFromTable([entry('a', 1)], { './a/a-panel.ts': loader });
    const result = section!.render(['resume', 'id-1']);
    expect(result.strings.join('')).toContain('<pg-a-panel');
    expect(result.strings.join('')).toContain('.route=');
    expect(result.values).toEqual([['resume', 'id-1']]);
  });

  it('refuses a row whose module is not in the build, or whose element is not ours', () => {
    expect(() => sectionsFromTable([entry('a', 1)], {})).toThrow(/'a' names \.\/a\/a-panel\.ts/);
    const script = { ...entry('a', 1), element: 'script' };
    expect(() => sectionsFromTable([script], { './a/a-panel.ts': loader })).toThrow(/no pg- element/);
  });

  it('finds a module for every Learn panel and Studio section, with unique ids and orders', () => {
    for (const sections of [LEARN_PANELS, STUDIO_SECTIONS]) {
      expect(new Set(sections.map((s) => s.id)).size).toBe(sections.length);
      expect(new Set(sections.map((s) => s.order)).size).toBe(sections.length);
    }
    expect(LEARN_PANELS).toHaveLength(14);
    expect(STUDIO_SECTIONS.map((s) => s.id)).toEqual(['gan-2d', 'digit-gan', 'autoencoder', 'vae']);
  });
});
