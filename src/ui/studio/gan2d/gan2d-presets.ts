/** The 2-D GAN lab's choices: preset targets, speeds and plane layers, with the words the page shows. */
import {
  DEFAULT_CLUSTERS,
  DEFAULT_GRID,
  DEFAULT_LINE,
  DEFAULT_RING,
  DEFAULT_SPIRAL,
  DEFAULT_TWO_MOONS,
  type Bounds,
  type DistributionKind,
  type DistributionSpec,
} from '../../../generative/distributions';
import type { PlaneLayers } from './gan2d-plane';

export type PresetKind = Exclude<DistributionKind, 'custom'>;

export const PRESETS: Readonly<Record<PresetKind, { label: string; spec: DistributionSpec }>> = {
  ring: { label: 'Ring of 8 Gaussians', spec: DEFAULT_RING },
  grid: { label: '5 × 5 grid of Gaussians', spec: DEFAULT_GRID },
  'two-moons': { label: 'Two moons', spec: DEFAULT_TWO_MOONS },
  spiral: { label: 'Spiral', spec: DEFAULT_SPIRAL },
  line: { label: 'Line', spec: DEFAULT_LINE },
  clusters: { label: 'Four uneven clusters', spec: DEFAULT_CLUSTERS },
};

export const KINDS: readonly DistributionKind[] = [...(Object.keys(PRESETS) as PresetKind[]), 'custom'];

/** The target's name in words (for checkpoint names and links). */
export function targetLabel(kind: DistributionKind): string {
  return kind === 'custom' ? 'my points' : PRESETS[kind].label;
}

export const SPEEDS: readonly { label: string; value: number }[] = [
  { label: 'as fast as possible', value: 0 },
  { label: '1,000 it/s', value: 1000 },
  { label: '200 it/s', value: 200 },
  { label: '50 it/s', value: 50 },
  { label: '10 it/s', value: 10 },
  { label: '2 it/s', value: 2 },
];

export const LAYER_LABELS: Readonly<Record<keyof PlaneLayers, string>> = {
  heatmap: 'D’s heat map',
  real: 'Real samples',
  fake: 'Generated samples',
  manifold: 'G’s manifold',
  arrows: 'Gradient arrows',
};

/** Where points are drawn before any exist. */
export const DRAW_BOX: Bounds = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
/** Points a user may draw. */
export const MAX_DRAWN = 2000;
/** Jitter around each of the user's points, as a share of the points' extent (at least 0.02). */
const CUSTOM_JITTER = 0.02;

/** The target made of the user's points (flat [x0, y0, ...]), with a jitter scaled to their extent. */
export function drawnSpec(points: readonly number[], extent: Bounds): DistributionSpec {
  const jitter = Math.max(0.02, CUSTOM_JITTER * (extent.xMax - extent.xMin) * 0.25);
  return { kind: 'custom', points: points.slice(), jitter: Math.round(jitter * 1000) / 1000 };
}
