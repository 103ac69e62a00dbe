/**
 * One arena run: a game and a DQN learner training at full speed in this worker. Training yields to the
 * message queue every few milliseconds, so pause/step/stop calls are honoured at once, and streams updates
 * (metrics, finished episodes, and about twice a second the online weights for the watch view).
 */
import { expose, transfer } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type InitOptions } from './backend';
import { mlpProfile } from './backend-choice';
import { makeEnvFromConfig, type GameEnv } from '../envs/registry';
import { boxSize, Rng } from '../envs/core';
import { DqnAgent } from '../agents/dqn';
import { DqnLearner } from '../agents/dqn-learner';
import { assertValidDqnConfig } from '../agents/dqn-config';
import type { NamedWeight } from '../agents/weights';
import type { DqnCheckpoint, JsonRecord } from '../storage/checkpoint';
import { captureDqnCheckpoint, restoreDqnCheckpoint, dqnLayersTopologies } from '../agents/dqn-checkpoint';
import { exportCheckpointFile } from '../storage/export-file';
import { validateCheckpoint } from '../storage/validate';
import { APP_VERSION } from '../version';
import type {
  BackendReport,
  RlEpisode,
  RlReplayPeek,
  RlRunInfo,
  RlRunSpec,
  RlStatus,
  RlTrainPoint,
  RlUpdate,
} from './protocol';

/** Time spent stepping before yielding to the message queue (pause must feel instant). */
const CHUNK_MS = 20;
const UPDATE_MS = 100;
const WEIGHTS_MS = 500;
/** How often a finite copy of all weights is kept, to fall back on if training diverges. */
const LAST_GOOD_MS = 2000;

/** A zero-delay yield: setTimeout(0) is clamped to 4 ms when nested, a MessageChannel is not. */
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    pending.push(resolve);
    channel.port2.postMessage(null);
  });
}

interface Run {
  spec: RlRunSpec;
  info: RlRunInfo;
  env: GameEnv;
  agent: DqnAgent;
  learner: DqnLearner;
  lastGood: NamedWeight[];
}

export interface CheckpointOptions {
  name: string;
  /** The replay buffer can be large; the user chooses. */
  includeReplay: boolean;
}

/** A checkpoint asked for while training: taken by the loop at the next episode boundary. */
let checkpointRequest: {
  options: CheckpointOptions;
  resolve: (checkpoint: DqnCheckpoint) => void;
  reject: (error: unknown) => void;
} | null = null;

let run: Run | null = null;
const peekRng = new Rng(0x9eed);
let status: RlStatus = 'idle';
let stopRequested = false;

function onlineWeights(agent: DqnAgent): NamedWeight[] {
  return agent.getWeights().filter((w) => w.name.startsWith('online/'));
}

function allFinite(weights: readonly NamedWeight[]): boolean {
  return weights.every((w) => w.data.every(Number.isFinite));
}

/** Accumulates what happens between two updates. */
class UpdateWindow {
  episodes: RlEpisode[] = [];
  private trainCount = 0;
  private sums = { loss: 0, tdErrorMean: 0, meanMaxQ: 0, gradNorm: 0 };
  private startedAt = performance.now();
  private startSteps: number;

  constructor(private readonly learner: DqnLearner) {
    this.startSteps = learner.counters.envSteps;
  }

  addTrain(stats: { loss: number; tdErrorMean: number; meanMaxQ: number; gradNorm: number }): void {
    this.trainCount++;
    this.sums.loss += stats.loss;
    this.sums.tdErrorMean += stats.tdErrorMean;
    this.sums.meanMaxQ += stats.meanMaxQ;
    this.sums.gradNorm += stats.gradNorm;
  }

  flush(state: RlStatus, weights?: NamedWeight[], message?: string): RlUpdate {
    const counters = this.learner.counters;
    const elapsed = (performance.now() - this.startedAt) / 1000;
    const n = this.trainCount;
    const train: RlTrainPoint | null =
      n === 0
        ? null
        : {
            envStep: counters.envSteps,
            loss: this.sums.loss / n,
            tdErrorMean: this.sums.tdErrorMean / n,
            meanMaxQ: this.sums.meanMaxQ / n,
            gradNorm: this.sums.gradNorm / n,
          };
    const update: RlUpdate = {
      status: state,
      ...counters,
      epsilon: this.learner.epsilon,
      stepsPerSec: elapsed > 0 ? (counters.envSteps - this.startSteps) / elapsed : 0,
      newEpisodes: this.episodes,
      train,
      weights,
      message,
    };
    this.episodes = [];
    this.trainCount = 0;
    this.sums = { loss: 0, tdErrorMean: 0, meanMaxQ: 0, gradNorm: 0 };
    this.startedAt = performance.now();
    this.startSteps = counters.envSteps;
    return update;
  }
}

/** Sends an update, handing the weight buffers over instead of copying them. */
function send(onUpdate: (update: RlUpdate) => void, update: RlUpdate): void {
  const buffers = (update.weights ?? []).map((w) => w.data.buffer as ArrayBuffer);
  onUpdate(transfer(update, buffers));
}

function requireRun(): Run {
  if (!run) throw new Error('No run is set up: call start() first');
  return run;
}

interface StepOutcome {
  /** Set when training must stop because it diverged. */
  problem: string | null;
  episodeEnded: boolean;
}

/** Runs one env step (and any training it triggers), checking that the loss stays finite. */
function stepAndCheck(current: Run, window: UpdateWindow): StepOutcome {
  const result = current.learner.step();
  if (result.episode) {
    window.episodes.push({ envStep: current.learner.counters.envSteps, ...result.episode });
  }
  if (result.train) {
    if (!Number.isFinite(result.train.loss) || !Number.isFinite(result.train.meanMaxQ)) {
      return {
        problem: `Training diverged at env step ${current.learner.counters.envSteps}: the TD loss became ${result.train.loss}. The last good weights were restored; lower the learning rate or the gradient-norm limit and train again.`,
        episodeEnded: result.episode !== null,
      };
    }
    window.addTrain(result.train);
  }
  return { problem: null, episodeEnded: result.episode !== null };
}

/**
 * Captures the run between two episodes: the learner then holds no half-played episode, so the env's RNG
 * state is all a resume needs to continue exactly as this run would have.
 */
async function capture(current: Run, options: CheckpointOptions): Promise<DqnCheckpoint> {
  const { learner, agent, env, spec, info } = current;
  const mean = learner.meanReturn(100);
  return captureDqnCheckpoint(agent, learner, {
    name: options.name,
    appVersion: APP_VERSION,
    backend: tf.getBackend(),
    gameId: info.envId,
    // Env options come from the registry's presets or a validated checkpoint: plain JSON.
    envOptions: (spec.envOptions ?? {}) as JsonRecord,
    includeReplay: options.includeReplay,
    envRngState: env.getRngState(),
    latestMetrics: Number.isFinite(mean) ? { 'charts/meanReturn100': mean } : {},
  });
}

function atEpisodeBoundary(learner: DqnLearner): boolean {
  return learner.getState().observation === null;
}

/** Plays (and trains) to the end of the current episode, then captures: for a run that is not training. */
async function finishEpisodeAndCapture(current: Run, options: CheckpointOptions): Promise<DqnCheckpoint> {
  const window = new UpdateWindow(current.learner);
  let steps = 0;
  while (!atEpisodeBoundary(current.learner)) {
    const { problem } = stepAndCheck(current, window);
    if (problem) {
      restoreLastGood(current);
      status = 'diverged';
      throw new Error(problem);
    }
    if (++steps % 256 === 0) await yieldToEvents();
  }
  return capture(current, options);
}

function restoreLastGood(current: Run): void {
  current.agent.setWeights(current.lastGood);
}

const api = {
  /** Builds the game and the agent, and picks the backend for this network's size. */
  async start(
    spec: RlRunSpec,
    backend: Omit<InitOptions, 'profile' | 'unsupported'>,
  ): Promise<{ info: RlRunInfo; backend: BackendReport }> {
    api.stop();
    run?.agent.dispose();
    run = null;
    const config = assertValidDqnConfig(spec.config);
    const env = makeEnvFromConfig(spec.envId, spec.envOptions ?? {});
    const obsSize = boxSize(env.spec.observationSpace);
    const nActions = env.spec.actionSpace.n;
    const report = await initBackend({
      ...backend,
      profile: mlpProfile([obsSize, ...config.hiddenSizes, nActions], config.batchSize),
      unsupported: {
        // The learner reads a few values back synchronously every step; WebGPU (in Chromium's software
        // renderer) loses its device after a handful of synchronous reads, and small nets gain nothing on it.
        webgpu: 'DQN reads values back synchronously each step, which WebGPU does not support well',
      },
    });
    const agent = new DqnAgent(config, obsSize, nActions);
    const learner = new DqnLearner(agent, env);
    const info: RlRunInfo = {
      envId: env.spec.id,
      obsSize,
      nActions,
      actionNames: [...env.spec.actionNames],
      maxEpisodeSteps: env.spec.maxEpisodeSteps,
      rewardThreshold: env.spec.rewardThreshold,
    };
    run = { spec: { ...spec, config }, info, env, agent, learner, lastGood: agent.getWeights() };
    status = 'paused';
    return { info, backend: report };
  },

  /**
   * Trains until pause()/stop(), `maxEnvSteps` or divergence, sending `onUpdate` about ten updates a second
   * and a final one with the status it stopped in. Everything goes through `onUpdate` (its own port), so the
   * UI sees the updates in order; the returned status is only for callers that wait.
   */
  async train(onUpdate: (update: RlUpdate) => void, maxEnvSteps = Infinity): Promise<RlStatus> {
    const current = requireRun();
    if (status === 'training') throw new Error('This run is already training');
    status = 'training';
    stopRequested = false;
    const window = new UpdateWindow(current.learner);
    let lastUpdate = performance.now();
    let lastWeights = 0;
    let lastGoodAt = performance.now();
    let message: string | undefined;
    try {
      while (!stopRequested) {
        const chunkEnd = performance.now() + CHUNK_MS;
        while (performance.now() < chunkEnd && !stopRequested) {
          for (let i = 0; i < 8; i++) {
            const { problem, episodeEnded } = stepAndCheck(current, window);
            if (problem) {
              restoreLastGood(current);
              status = 'diverged';
              message = problem;
              stopRequested = true;
              break;
            }
            if (episodeEnded && checkpointRequest) {
              const request = checkpointRequest;
              checkpointRequest = null;
              await capture(current, request.options).then(request.resolve, request.reject);
            }
            if (current.learner.counters.envSteps >= maxEnvSteps) {
              status = 'finished';
              stopRequested = true;
              break;
            }
          }
        }
        const now = performance.now();
        if (now - lastGoodAt > LAST_GOOD_MS && status === 'training') {
          const all = current.agent.getWeights();
          if (allFinite(all)) current.lastGood = all;
          lastGoodAt = now;
        }
        if (now - lastUpdate >= UPDATE_MS && !stopRequested) {
          const weights = now - lastWeights >= WEIGHTS_MS ? onlineWeights(current.agent) : undefined;
          if (weights) lastWeights = now;
          send(onUpdate, window.flush('training', weights));
          lastUpdate = now;
        }
        await yieldToEvents();
      }
    } finally {
      if (status === 'training') status = 'paused';
    }
    // Paused before the episode that a checkpoint waits for ended: finish it here.
    if (checkpointRequest) {
      const request = checkpointRequest;
      checkpointRequest = null;
      if (status === 'diverged') request.reject(new Error(message ?? 'Training diverged'));
      else await finishEpisodeAndCapture(current, request.options).then(request.resolve, request.reject);
    }
    send(onUpdate, window.flush(status, onlineWeights(current.agent), message));
    return status;
  },

  /** Asks a training loop to stop after its current env step. */
  pause(): void {
    stopRequested = true;
  },

  stop(): void {
    stopRequested = true;
  },

  /** One env step (and the training it triggers), for stepping through by hand. */
  stepOnce(): RlUpdate {
    const current = requireRun();
    if (status === 'training') throw new Error('Pause the run before stepping it by hand');
    const window = new UpdateWindow(current.learner);
    const { problem } = stepAndCheck(current, window);
    if (problem) {
      restoreLastGood(current);
      status = 'diverged';
    }
    const update = window.flush(status, onlineWeights(current.agent), problem ?? undefined);
    return transfer(
      update,
      (update.weights ?? []).map((w) => w.data.buffer as ArrayBuffer),
    );
  },

  status(): RlStatus {
    return status;
  },

  /**
   * A checkpoint of this run, taken at the end of the current episode (training goes on meanwhile; a paused
   * run first plays the episode to its end, training as usual), so that resuming it continues exactly.
   */
  async checkpoint(options: CheckpointOptions): Promise<DqnCheckpoint> {
    const current = requireRun();
    if (checkpointRequest) throw new Error('A checkpoint is already being taken');
    if (status === 'training') {
      return new Promise((resolve, reject) => (checkpointRequest = { options, resolve, reject }));
    }
    return finishEpisodeAndCapture(current, options);
  },

  /** Rebuilds a run from a checkpoint (validated here too: it may come from a file or an old database). */
  async restore(
    untrusted: unknown,
    backend: Omit<InitOptions, 'profile' | 'unsupported'>,
  ): Promise<{ info: RlRunInfo; backend: BackendReport }> {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot resume from this checkpoint');
    if (checkpoint.kind !== 'dqn' || checkpoint.subject.type !== 'game') {
      throw new Error(`Cannot resume a ${checkpoint.kind} checkpoint in the arena`);
    }
    // A shared agent carries only its online network: training goes on with the target synced to it and a
    // fresh optimizer (and, without the learner's record, a fresh exploration schedule and empty replay).
    const { online, target } = checkpoint.networks;
    if (online && !target) checkpoint.networks.target = structuredClone(online);
    const spec: RlRunSpec = {
      envId: checkpoint.subject.gameId,
      envOptions: checkpoint.subject.envOptions as Record<string, unknown>,
      config: checkpoint.config,
    };
    const started = await api.start(spec, backend);
    const current = requireRun();
    try {
      await restoreDqnCheckpoint(checkpoint, current.agent, current.learner);
      const envRng = checkpoint.rngStates.env;
      if (envRng) current.env.setRngState(envRng);
      current.lastGood = current.agent.getWeights();
    } catch (error) {
      current.agent.dispose();
      run = null;
      status = 'idle';
      throw error;
    }
    return started;
  },

  /** The checkpoint as one zip: TensorFlow.js Layers model.json + weights.bin per network, plus ours. */
  async exportFile(untrusted: unknown): Promise<Uint8Array> {
    const checkpoint = validateCheckpoint(untrusted, 'Cannot export this checkpoint');
    if (checkpoint.kind !== 'dqn')
      throw new Error(`Exporting ${checkpoint.kind} checkpoints here is not supported`);
    // A worker started just to export has no backend yet; building a model to read its topology needs one,
    // and the CPU backend is instant to start (the webgpu import would otherwise claim priority).
    if (!run) await tf.setBackend('cpu');
    const bytes = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint));
    return transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },

  /** The newest transitions and a fresh uniform sample, to show what the agent learns from. */
  peekReplay(count = 8): RlReplayPeek {
    const { replay } = requireRun().agent;
    const recent = replay.newestSlots(count).map((slot) => replay.read(slot));
    // Its own RNG: peeking must not change the agent's random stream (runs stay reproducible).
    const sampled =
      replay.size === 0 ? [] : Array.from({ length: count }, () => replay.read(peekRng.nextInt(replay.size)));
    return { size: replay.size, capacity: replay.capacity, recent, sampled };
  },

  /** Live tensors in this worker: a flat count over a long run shows that nothing leaks. */
  numTensors(): number {
    return tf.memory().numTensors;
  },
};

export type RlApi = typeof api;
expose(api);
