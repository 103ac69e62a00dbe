import type { NodeRef } from '../../components/network-diagram';

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** 12 → "₁₂". */
export function subscript(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUBSCRIPTS[Number(d)] ?? d)
    .join('');
}

/** The neurons after the inputs in forward order: layer 1 top to bottom, then layer 2, … */
export function computeOrder(sizes: readonly number[]): NodeRef[] {
  const order: NodeRef[] = [];
  for (let layer = 1; layer < sizes.length; layer++) {
    for (let index = 0; index < sizes[layer]!; index++) order.push({ layer, index });
  }
  return order;
}

export function layerName(layer: number, layers: number): string {
  if (layer === 0) return 'input';
  return layer === layers - 1 ? 'output' : 'hidden';
}

/** labels[l][j] from a function of each neuron. */
export function networkLabels(sizes: readonly number[], label: (node: NodeRef) => string[]): string[][][] {
  return sizes.map((n, layer) => Array.from({ length: n }, (_, index) => label({ layer, index })));
}
