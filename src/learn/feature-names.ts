/**
 * Names of the observation features of the arena's games, for attribution charts. The env specs carry action
 * names but not feature names; these follow each sim's observe() (see its doc comment). Unknown layouts
 * (pixel and grid observations, FrozenLake's one-hot state) fall back to indices.
 */
const NAMES: Readonly<Record<string, readonly string[]>> = {
  'CartPole-v1': ['cart position', 'cart velocity', 'pole angle', 'pole angular velocity'],
  'MountainCar-v0': ['position', 'velocity'],
  'Catch-v0': ['paddle x', 'ball x', 'ball y'],
  'Snake-v0': [
    'danger straight',
    'danger left',
    'danger right',
    'heading up',
    'heading right',
    'heading down',
    'heading left',
    'food up',
    'food right',
    'food down',
    'food left',
  ],
};

export function observationFeatureNames(gameId: string, size: number): string[] {
  const known = NAMES[gameId];
  if (known && known.length === size) return [...known];
  return Array.from({ length: size }, (_, i) => `x[${i}]`);
}
