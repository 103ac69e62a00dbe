/** The classifier pruned and quantized at each setting: test accuracy, size and the largest weight error. */
import { accuracyOn, Cnn, type LabelledSet } from '../../../learn/classifier';
import { compressWeights } from '../../../learn/compression';
import type { CompressionRequest, CompressionRow } from '../../protocol/learn';

export async function compressionSweep(
  net: Cnn,
  test: LabelledSet,
  request: CompressionRequest,
  onProgress: (done: number) => void,
  yieldToEvents: () => Promise<void>,
): Promise<CompressionRow[]> {
  const original = await net.getWeights();
  const probe = new Cnn(0);
  const rows: CompressionRow[] = [];
  const total = request.sparsities.length * request.precisions.length;
  try {
    for (const precision of request.precisions) {
      for (const sparsity of request.sparsities) {
        const compressed = compressWeights(original, precision, sparsity);
        probe.setWeights(compressed.weights);
        rows.push({
          precision,
          sparsity,
          accuracy: await accuracyOn(probe, test),
          bytes: compressed.bytes,
          deflatedBytes: compressed.deflatedBytes,
          maxError: compressed.maxError,
        });
        onProgress(rows.length / total);
        await yieldToEvents();
      }
    }
  } finally {
    probe.dispose();
  }
  return rows;
}
