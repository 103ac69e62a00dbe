import { html, type TemplateResult } from 'lit';
import '../../components/network-diagram';
import type { NodeRef } from '../../components/network-diagram';
import { ACTIVATION_INFO, type ActivationName } from '../../../learn/activations';
import type { TinyMlp } from '../../../learn/tiny-mlp';

/** The 3-4-2 network the anatomy and backprop panels walk through, neuron by neuron. */
export const TINY_NET_SIZES = [3, 4, 2] as const;

export interface TinyNetView {
  /** Each neuron's text lines (its values, or '?' before it is computed). */
  labels: readonly (readonly (readonly string[])[])[];
  /** The neuron being computed now. */
  highlight: NodeRef | null;
  done: (node: NodeRef) => boolean;
  /** What a screen reader hears. */
  label: string;
  /** Draw the neurons not done yet faded. */
  dimPending?: boolean;
}

/** The tiny network's diagram: weights as lines, each layer captioned (the hidden one with its activation). */
export function tinyNetDiagram(net: TinyMlp, activation: ActivationName, view: TinyNetView): TemplateResult {
  const captions = ['input', `hidden (${ACTIVATION_INFO[activation].label})`, 'output (linear)'];
  return html`<pg-network-diagram
    .sizes=${TINY_NET_SIZES}
    .weights=${net.weights}
    .labels=${view.labels}
    .captions=${captions}
    .highlight=${view.highlight}
    .done=${view.done}
    ?dimPending=${view.dimPending ?? false}
    label=${view.label}
  ></pg-network-diagram>`;
}
