/**
 * The MNIST digits of an image worker, fetched and decoded once (loadMnist keeps them). This module does not
 * import tfjs, so job.worker.ts can start the digits while the image API and tfjs are still loading.
 */
import { loadMnist, type MnistData } from '../../generative/mnist-asset';

export function workerDigits(): Promise<MnistData> {
  return loadMnist(new URL(import.meta.env.BASE_URL, self.location.href));
}
