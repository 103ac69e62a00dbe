/**
 * The Studio's image worker: one MNIST run (digit GAN, autoencoder or VAE) trains here under the session
 * driver, never on the page's thread. Its methods live in src/workers/images/images-api.ts;
 * job.worker.ts (the one worker bundle) loads and exposes them in a worker named 'images'.
 */
import { SessionDriver } from './core/session-driver';
import { workerEnvironment } from './core/worker-environment';
import { IMAGE_TIMING, type ImageSessionModel } from './images/image-session-model';
import { imagesApi } from './images/images-api';
import type { ImageUpdate } from './protocol/images';

const driver = new SessionDriver<ImageUpdate, ImageSessionModel>(workerEnvironment, IMAGE_TIMING);
export const api = { ...imagesApi(driver) };

export type ImagesApi = typeof api;
