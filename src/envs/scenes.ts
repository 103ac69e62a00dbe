/**
 * The Phaser side of the games: a scene per game and `startGame(parent, id)`, which makes a Phaser game in a
 * host element. Imported only by the UI (Phaser gets its own chunk); simulations never import this.
 */
import * as Phaser from 'phaser';
import { DEFAULT_PALETTE, SCENE_HEIGHT, SCENE_WIDTH, type SnapshotScene } from './scene-kit';
import { CartPoleScene } from './cartpole/scene';
import { MountainCarScene } from './mountain-car/scene';
import { FrozenLakeScene } from './gridworld/scene';
import { SnakeScene } from './snake/scene';
import { CatchScene } from './catch/scene';
import type { EnvId } from './registry';

const SCENES: Record<EnvId, () => SnapshotScene<never>> = {
  'CartPole-v1': () => new CartPoleScene() as SnapshotScene<never>,
  'MountainCar-v0': () => new MountainCarScene() as SnapshotScene<never>,
  'FrozenLake-v1': () => new FrozenLakeScene() as SnapshotScene<never>,
  'Snake-v0': () => new SnakeScene() as SnapshotScene<never>,
  'Catch-v0': () => new CatchScene() as SnapshotScene<never>,
};

export interface RunningGame<S> {
  game: Phaser.Game;
  scene: SnapshotScene<S>;
}

/** Games are drawn on a dark "screen" in both themes, like an arcade cabinet. */
export function startGame<S>(parent: HTMLElement, id: EnvId): RunningGame<S> {
  const scene = SCENES[id]() as unknown as SnapshotScene<S>;
  const palette = DEFAULT_PALETTE;
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: SCENE_WIDTH,
    height: SCENE_HEIGHT,
    backgroundColor: palette.background,
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_HORIZONTALLY },
    banner: false,
    audio: { noAudio: true },
    scene,
  });
  return { game, scene };
}
