/**
 * DQN ↔ checkpoint: everything needed to resume a run exactly (online and target weights, optimizer slots,
 * agent and learner counters, RNG state, the episode in progress, optionally the replay buffer), and the
 * Layers topologies that exporting it as a file needs. Runs where the agent lives (a worker, with tfjs).
 */
import * as v from 'valibot';
import type { DqnAgentBase } from './dqn-agent-base';
import type { DqnLearner, DqnLearnerState } from './dqn-learner';
import { buildQNetwork } from './q-network';
import type { RngState } from '../envs/rng';
import type { NamedWeight } from './weights';
import {
  createCheckpoint,
  joinNetworkWeights,
  splitNetworkWeights,
  type DqnCheckpoint,
  type JsonRecord,
} from '../storage/checkpoint';
import { CheckpointError, guardAsync } from '../storage/errors';
import * as s from '../storage/schemas';
import { captureLayersTopology, type LayersTopology } from '../storage/tfjs-format';
import { parseWith, validateCheckpoint } from '../storage/validate';

/** Episodes kept in the metrics summary (the full history goes into state.learner). */
export const SUMMARY_EPISODES = 100;

export interface DqnCaptureOptions {
  name: string;
  appVersion: string;
  backend: string;
  gameId: string;
  envOptions?: JsonRecord;
  /** The replay buffer can be large (capacity × observation size × 8 bytes): the user chooses. */
  includeReplay?: boolean;
  /** The env's RNG state and any state it needs to continue an episode exactly (e.g. CartPole's getState()). */
  envRngState?: RngState;
  envState?: JsonRecord;
  /** Latest values of namespaced metrics to show with the checkpoint ('losses/td', ...). */
  latestMetrics?: Record<string, number>;
  /** The best-evaluated online weights (named `online/...`), stored as the network `best`. */
  bestWeights?: readonly NamedWeight[];
  /** The evaluator's record (settings, training clock, best and solved evaluations), as state.evaluation. */
  evaluation?: JsonRecord;
}

const agentState = v.strictObject({ observedSteps: s.nonNegativeInteger });
const learnerState = v.strictObject({
  envSteps: s.nonNegativeInteger,
  episodes: s.nonNegativeInteger,
  episodeReturn: s.finiteNumber,
  episodeLength: s.nonNegativeInteger,
  observation: v.nullable(v.array(s.finiteNumber)),
  episodeReturns: v.array(s.finiteNumber),
  episodeLengths: v.array(s.nonNegativeInteger),
  pending: v.optional(
    v.array(
      v.strictObject({
        observation: v.array(s.finiteNumber),
        action: s.nonNegativeInteger,
        reward: s.finiteNumber,
      }),
    ),
  ),
});

/** Takes a checkpoint of a DQN run between two steps. `learner` may be null for an agent trained by hand. */
export async function captureDqnCheckpoint(
  agent: DqnAgentBase,
  learner: DqnLearner | null,
  options: DqnCaptureOptions,
): Promise<DqnCheckpoint> {
  return guardAsync('Cannot take a checkpoint', 'invalid', async () => {
    const { observedSteps, gradientSteps, rngState } = agent.getState();
    const learned: DqnLearnerState | null = learner ? learner.getState() : null;
    const state: JsonRecord = { agent: { observedSteps } };
    if (learned) state.learner = learned as unknown as JsonRecord;
    if (options.envState) state.env = options.envState;
    if (options.evaluation) state.evaluation = options.evaluation;
    const epsilon: Record<string, number> = learner ? { 'charts/epsilon': learner.epsilon } : {};
    const checkpoint = createCheckpoint({
      kind: 'dqn',
      name: options.name,
      appVersion: options.appVersion,
      backend: options.backend,
      subject: {
        type: 'game',
        gameId: options.gameId,
        envOptions: options.envOptions ?? {},
        observationSize: agent.obsSize,
        actionCount: agent.nActions,
      },
      config: structuredClone(agent.config),
      counters: {
        gradientSteps,
        envSteps: learned?.envSteps ?? observedSteps,
        episodes: learned?.episodes ?? 0,
      },
      rngStates: { agent: rngState, ...(options.envRngState ? { env: options.envRngState } : {}) },
      metrics: {
        latest: { ...epsilon, ...options.latestMetrics },
        recentReturns: learned?.episodeReturns.slice(-SUMMARY_EPISODES) ?? [],
        recentLengths: learned?.episodeLengths.slice(-SUMMARY_EPISODES) ?? [],
      },
      networks: splitNetworkWeights([
        ...(await agent.getWeights()),
        ...(options.bestWeights ?? []).map((w) => ({ ...w, name: w.name.replace(/^online\//, 'best/') })),
      ]),
      optimizers: { online: await agent.getOptimizerState() },
      state,
      ...(options.includeReplay ? { replay: agent.replay.exportData() } : {}),
    });
    return validateCheckpoint(checkpoint, 'Cannot take a checkpoint') as DqnCheckpoint;
  });
}

/**
 * Loads a checkpoint into an agent built from its config (and its learner). On an error the agent may be
 * partly loaded: discard it.
 */
export async function restoreDqnCheckpoint(
  checkpoint: DqnCheckpoint,
  agent: DqnAgentBase,
  learner: DqnLearner | null = null,
): Promise<void> {
  const what = 'Cannot resume from this checkpoint';
  await guardAsync(what, 'invalid', async () => {
    const cp = validateCheckpoint(checkpoint, what);
    if (cp.kind !== 'dqn' || cp.subject.type !== 'game')
      throw new CheckpointError('invalid', `${what}: not a DQN checkpoint`);
    const { observationSize, actionCount } = cp.subject;
    if (agent.obsSize !== observationSize || agent.nActions !== actionCount) {
      throw new CheckpointError(
        'invalid',
        `${what}: the agent has ${agent.obsSize} inputs and ${agent.nActions} actions, the checkpoint ${observationSize} and ${actionCount}`,
      );
    }
    const saved = parseWith(v.optional(agentState), cp.state.agent, `${what}: state.agent`);
    const learned =
      learner && cp.state.learner !== undefined
        ? parseWith(learnerState, cp.state.learner, `${what}: state.learner`)
        : null;

    // The best weights are not the agent's: the caller reads them with readDqnEvaluation.
    const { online, target } = cp.networks;
    agent.setWeights(joinNetworkWeights({ ...(online ? { online } : {}), ...(target ? { target } : {}) }));
    if (cp.optimizers.online) await agent.setOptimizerState(cp.optimizers.online);
    agent.setState({
      observedSteps: saved?.observedSteps ?? cp.counters.envSteps,
      gradientSteps: cp.counters.gradientSteps,
      rngState: cp.rngStates.agent ?? agent.getState().rngState,
    });
    if (cp.replay) agent.replay.importData(cp.replay);
    if (learner && learned) learner.setState(learned);
  });
}

/** The Layers topology of each network of a DQN checkpoint (online and target share one), for exporting it. */
export async function dqnLayersTopologies(
  checkpoint: DqnCheckpoint,
): Promise<Record<string, LayersTopology>> {
  const { config, subject } = checkpoint;
  if (subject.type !== 'game') throw new CheckpointError('invalid', 'Expected a DQN checkpoint of a game');
  const model = buildQNetwork({
    obsSize: subject.observationSize,
    nActions: subject.actionCount,
    hiddenSizes: config.hiddenSizes,
    activation: config.activation,
    dueling: config.dueling,
    seed: 0,
  });
  try {
    const topology = await captureLayersTopology(model);
    return Object.fromEntries(Object.keys(checkpoint.networks).map((name) => [name, topology]));
  } finally {
    model.dispose();
  }
}
