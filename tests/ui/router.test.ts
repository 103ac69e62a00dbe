import { describe, expect, it } from 'vitest';
import { parseHash, hrefFor, ROUTES } from '../../src/ui/router';

describe('parseHash', () => {
  it('maps every page route', () => {
    for (const route of ROUTES) expect(parseHash(hrefFor(route.id))).toEqual({ id: route.id, rest: [] });
  });

  it('opens the home page for an empty hash and for #/home', () => {
    expect(parseHash('').id).toBe('home');
    expect(parseHash('#/').id).toBe('home');
    expect(parseHash('#').id).toBe('home');
    expect(parseHash('#/home')).toEqual({ id: 'home', rest: [] });
  });

  it('keeps the segments after the page id', () => {
    expect(parseHash('#/checkpoints/abc/def')).toEqual({ id: 'checkpoints', rest: ['abc', 'def'] });
  });

  it('reports unknown pages as not found, with the path', () => {
    expect(parseHash('#/nowhere/x')).toEqual({ id: 'not-found', rest: ['nowhere', 'x'] });
  });
});

describe('share links', () => {
  it('route #/share/<payload> to the share page with the payload', () => {
    expect(parseHash('#/share/AbC-_09')).toEqual({ id: 'share', rest: ['AbC-_09'] });
  });
});
