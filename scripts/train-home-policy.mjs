// Trains the CartPole agent the home page's preview plays and writes it to
// src/ui/home/cartpole-policy-data.ts (float32 weights as base64url, with how they were made).
// Usage: node scripts/train-home-policy.mjs [seed]. With the CartPole preset of 2026-12-05 (scaled inputs, the
// typed-array engine), seed 4 (the shipped one) solved it at 6,000 env steps in 5.5 s (2-core machine, quiet).
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { createServer } from 'vite';

const seed = Number(process.argv[2] ?? 1);
// Vite only compiles the TypeScript (the app's own config, with its PWA plugin, is not needed here).
const server = await createServer({
  configFile: false,
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
  appType: 'custom',
  logLevel: 'error',
});
try {
  const { trainHomePolicy } = await server.ssrLoadModule('/scripts/home-policy/train.ts');
  const { encodeBase64Url } = await server.ssrLoadModule('/src/storage/binary.ts');
  const policy = await trainHomePolicy(seed);
  const layers = policy.weights.map((w) => ({
    name: w.name,
    shape: w.shape,
    data: encodeBase64Url(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength)),
  }));
  const source = `/**
 * The CartPole agent of the home page's preview: the online Q-network (float32, little-endian, base64url) of
 * the arena's DQN with its CartPole-v1 preset, seed ${policy.seed}, trained for ${policy.envSteps.toLocaleString('en-US')} env steps by
 * \`node scripts/train-home-policy.mjs ${policy.seed}\`. Its greedy policy averaged ${policy.evaluationMean.toFixed(1)} over 100 episodes
 * (evaluation seed 2026; 500 is the most an episode can earn). Generated: do not edit by hand.
 */
export const HOME_POLICY = {
  activation: 'relu',
  envSteps: ${policy.envSteps},
  evaluationMean: ${policy.evaluationMean},
  layers: ${JSON.stringify(layers, null, 2)},
} as const;
`;
  const file = 'src/ui/home/cartpole-policy-data.ts';
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(source, { ...options, filepath: file }));
  console.log(`Wrote src/ui/home/cartpole-policy-data.ts (greedy mean ${policy.evaluationMean.toFixed(1)})`);
} finally {
  await server.close();
}
