/**
 * What a comparison run varies: one setting of Run 1's DQN config, with a new value read from a text field,
 * and the short name of what differs ("seed 2", "lr 0.001") that labels the run in the list and the legends.
 * A comparison with nothing different would draw the same curve twice.
 */
import { observationScaleMismatch, validateDqnConfig, type DqnConfig } from '../../agents/dqn-config';

export type VariedSetting =
  | 'seed'
  | 'learningRate'
  | 'gamma'
  | 'nStep'
  | 'batchSize'
  | 'hiddenSizes'
  | 'doubleDqn'
  | 'dueling'
  | 'prioritized'
  | 'pauseLearningAtReturn'
  | 'observationScale';

/** optionalNumber: a number, or "off" (or nothing) for null; factors: a list of numbers, or "off". */
type Kind = 'integer' | 'number' | 'optionalNumber' | 'layers' | 'flag' | 'factors';

interface SettingInfo {
  id: VariedSetting;
  /** Shown in the "vary" menu. */
  label: string;
  kind: Kind;
}

/** The settings offered, the seed first: the cheapest way to see how much of a curve is luck. */
export const VARIED_SETTINGS: readonly SettingInfo[] = [
  { id: 'seed', label: 'seed', kind: 'integer' },
  { id: 'learningRate', label: 'learning rate', kind: 'number' },
  { id: 'gamma', label: 'discount γ', kind: 'number' },
  { id: 'nStep', label: 'n-step returns', kind: 'integer' },
  { id: 'batchSize', label: 'batch size', kind: 'integer' },
  { id: 'hiddenSizes', label: 'hidden layers', kind: 'layers' },
  { id: 'doubleDqn', label: 'Double DQN', kind: 'flag' },
  { id: 'dueling', label: 'dueling head', kind: 'flag' },
  { id: 'prioritized', label: 'prioritized replay', kind: 'flag' },
  // "off" beside a preset that pauses shows what the pause holds back: a solved agent falling back.
  { id: 'pauseLearningAtReturn', label: 'learning pause at return', kind: 'optionalNumber' },
  // "off" beside a preset that scales its inputs shows how much slower the raw observations learn.
  { id: 'observationScale', label: 'observation scale', kind: 'factors' },
];

/** What a number-like setting's text must be, for its error message. */
const EXPECTED_NUMBER: Record<Kind, string> = {
  integer: 'a whole number',
  number: 'a number',
  optionalNumber: 'a number or “off”',
  layers: 'layer sizes',
  flag: 'on or off',
  factors: 'factors such as “0.5, 4” or “off”',
};

export function settingInfo(id: VariedSetting): SettingInfo {
  return VARIED_SETTINGS.find((s) => s.id === id)!;
}

export function isVariedSetting(value: string): value is VariedSetting {
  return VARIED_SETTINGS.some((s) => s.id === value);
}

/** Values worth comparing with, best first: a step away from Run 1's value either way. */
function candidates(setting: VariedSetting, base: DqnConfig): string[] {
  const round = (x: number): string => String(Number(x.toPrecision(3)));
  switch (setting) {
    case 'seed':
      return [];
    case 'learningRate':
      return [4, 1 / 4, 10, 1 / 10, 2, 1 / 2].map((f) => round(base.learningRate * f));
    case 'gamma':
      return ['0.9', '0.99', '0.95', '0.999', '0.8'];
    case 'nStep':
      return ['3', '5', '1', '2', '10'];
    case 'batchSize':
      return [2, 1 / 2, 4, 1 / 4].map((f) => String(Math.max(1, Math.round(base.batchSize * f))));
    case 'hiddenSizes':
      return [1 / 2, 2, 1 / 4].map((f) =>
        base.hiddenSizes.map((h) => Math.min(512, Math.max(1, Math.round(h * f)))).join('-'),
      );
    case 'pauseLearningAtReturn':
      return base.pauseLearningAtReturn === null ? [] : ['off'];
    case 'observationScale':
      return base.observationScale === null ? [] : ['off'];
    default:
      return ['']; // an on/off setting flips
  }
}

/** A value for `setting` that gives settings no run has yet: a new seed, or a step away from Run 1's value. */
export function suggestValue(setting: VariedSetting, base: DqnConfig, runs: readonly DqnConfig[]): string {
  if (setting === 'seed') return String(Math.max(...runs.map((c) => c.seed)) + 1);
  const options = candidates(setting, base);
  const fresh = options.find((text) => {
    const result = varyConfig(base, setting, text);
    return 'config' in result && sameAsRun(result.config, runs) === -1;
  });
  return fresh ?? options[0] ?? '';
}

/** The index of the run whose settings are exactly `config`, or -1. */
export function sameAsRun(config: DqnConfig, runs: readonly DqnConfig[]): number {
  const text = JSON.stringify(config);
  return runs.findIndex((c) => JSON.stringify(c) === text);
}

/**
 * Run 1's config with `setting` set from `text`, or an error that says what was expected. `observationSize`
 * (the game's, when known) checks that an observation scale has one factor per feature.
 */
export function varyConfig(
  base: DqnConfig,
  setting: VariedSetting,
  text: string,
  observationSize: number | null = null,
): { config: DqnConfig } | { error: string } {
  const info = settingInfo(setting);
  const config = structuredClone(base);
  const value = text.trim();
  if (info.kind === 'flag') {
    const key = setting as 'doubleDqn' | 'dueling' | 'prioritized';
    config[key] = !base[key];
  } else if (info.kind === 'layers') {
    const sizes = value
      .split(/[\s,×x-]+/)
      .filter(Boolean)
      .map(Number);
    if (
      sizes.length === 0 ||
      sizes.length > 4 ||
      !sizes.every((h) => Number.isInteger(h) && h > 0 && h <= 512)
    )
      return { error: `Hidden layers: expected 1 to 4 sizes from 1 to 512 such as “64-64”, got “${value}”` };
    config.hiddenSizes = sizes;
  } else if ((info.kind === 'optionalNumber' || info.kind === 'factors') && isOff(value)) {
    (config as unknown as Record<VariedSetting, null>)[setting as 'pauseLearningAtReturn'] = null;
  } else if (info.kind === 'factors') {
    const factors = value
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    const size = observationSize ?? base.observationScale?.length ?? null;
    if (factors.some((f) => !Number.isFinite(f)))
      return { error: `${capitalize(info.label)}: expected ${EXPECTED_NUMBER.factors}, got “${value}”` };
    config.observationScale = factors;
    const mismatch = size === null ? null : observationScaleMismatch(config, size);
    if (mismatch) return { error: `${capitalize(info.label)}: ${mismatch}` };
  } else {
    const number = value === '' ? NaN : Number(value);
    if (!Number.isFinite(number) || (info.kind === 'integer' && !Number.isInteger(number)))
      return {
        error: `${capitalize(info.label)}: expected ${EXPECTED_NUMBER[info.kind]}, got “${value}”`,
      };
    (config as unknown as Record<VariedSetting, number>)[setting as 'seed'] = number;
  }
  const errors = validateDqnConfig(config);
  if (errors.length > 0) return { error: `${capitalize(info.label)}: ${errors.join('; ')}` };
  if (describeDifference(base, config) === '')
    return { error: `${capitalize(info.label)}: that is Run 1’s value` };
  return { config };
}

const isOff = (text: string): boolean => text === '' || text.toLowerCase() === 'off';
const onOff = (value: boolean): string => (value ? 'on' : 'off');

/** How `config` differs from `base`, shortest first-class names first ("seed 2, lr 0.001"); '' when equal. */
export function describeDifference(base: DqnConfig, config: DqnConfig): string {
  const parts: string[] = [];
  for (const key of Object.keys(config) as (keyof DqnConfig)[]) {
    const [a, b] = [base[key], config[key]];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    parts.push(describeValue(key, b));
  }
  return parts.join(', ');
}

function describeValue(key: keyof DqnConfig, value: DqnConfig[keyof DqnConfig]): string {
  switch (key) {
    case 'seed':
      return `seed ${value}`;
    case 'learningRate':
      return `lr ${value}`;
    case 'gamma':
      return `γ ${value}`;
    case 'nStep':
      return `n-step ${value}`;
    case 'batchSize':
      return `batch ${value}`;
    case 'hiddenSizes':
      return `layers ${(value as number[]).join('-')}`;
    case 'doubleDqn':
      return `Double DQN ${onOff(value as boolean)}`;
    case 'dueling':
      return `dueling ${onOff(value as boolean)}`;
    case 'prioritized':
      return `PER ${onOff(value as boolean)}`;
    case 'pauseLearningAtReturn':
      return value === null ? 'no learning pause' : `learning paused at ${value}`;
    case 'observationScale':
      return value === null ? 'unscaled inputs' : `inputs × ${(value as number[]).join(', ')}`;
    case 'pauseLearningEpisodes':
      return `pause window ${value}`;
    case 'targetUpdate': {
      const t = value as DqnConfig['targetUpdate'];
      return t.kind === 'hard' ? `target sync/${t.interval}` : `target τ ${t.tau}`;
    }
    default:
      return `${key} ${JSON.stringify(value)}`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
