/** The recurrent cells the RNN panel races (src/learn/recurrent.ts writes them out); plain data, no tfjs. */
export type CellKind = 'rnn' | 'lstm' | 'gru';
export const CELL_KINDS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];
