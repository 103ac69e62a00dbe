/**
 * What a comparison run varies: one setting of Run 1's DQN config, with a new value read from a text field,
 * and the short name of what differs ("seed 2", "lr 0.001") that labels the run in the list and the legends.
 * A comparison with nothing different would draw the same curve twice.
 */
import { validateDqnConfig, type DqnConfig } from '../../agents/dqn-config';

export type VariedSetting =
  'seed' | 'learningRate' | 'gamma' | 'batchSize' | 'hiddenSizes' | 'doubleDqn' | 'dueling' | 'prioritized';

type Kind = 'integer' | 'number' | 'layers' | 'flag';

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
  { id: 'batchSize', label: 'batch size', kind: 'integer' },
  { id: 'hiddenSizes', label: 'hidden layers', kind: 'layers' },
  { id: 'doubleDqn', label: 'Double DQN', kind: 'flag' },
  { id: 'dueling', label: 'dueling head', kind: 'flag' },
  { id: 'prioritized', label: 'prioritized replay', kind: 'flag' },
];

export function settingInfo(id: VariedSetting): SettingInfo {
  return VARIED_SETTINGS.find((s) => s.id === id)!;
}

export function isVariedSetting(value: string): value is VariedSetting {
  return VARIED_SETTINGS.some((s) => s.id === value);
}

/** A value worth comparing with: a seed no run uses yet, or a step away from Run 1's value. */
export function suggestValue(setting: VariedSetting, base: DqnConfig, runs: readonly DqnConfig[]): string {
  switch (setting) {
    case 'seed':
      return String(Math.max(...runs.map((c) => c.seed)) + 1);
    case 'learningRate':
      return String(Number((base.learningRate * 4).toPrecision(3)));
    case 'gamma':
      return base.gamma >= 0.99 ? '0.9' : '0.99';
    case 'batchSize':
      return String(base.batchSize >= 256 ? base.batchSize / 2 : base.batchSize * 2);
    case 'hiddenSizes':
      return base.hiddenSizes.map((h) => Math.max(1, Math.round(h / 2))).join('-');
    default:
      return ''; // an on/off setting flips
  }
}

/** Run 1's config with `setting` set from `text`, or an error that says what was expected. */
export function varyConfig(
  base: DqnConfig,
  setting: VariedSetting,
  text: string,
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
  } else {
    const number = value === '' ? NaN : Number(value);
    if (!Number.isFinite(number) || (info.kind === 'integer' && !Number.isInteger(number)))
      return {
        error: `${capitalize(info.label)}: expected ${info.kind === 'integer' ? 'a whole number' : 'a number'}, got “${value}”`,
      };
    (config as unknown as Record<VariedSetting, number>)[setting as 'seed'] = number;
  }
  const errors = validateDqnConfig(config);
  if (errors.length > 0) return { error: `${capitalize(info.label)}: ${errors.join('; ')}` };
  if (describeDifference(base, config) === '')
    return { error: `${capitalize(info.label)}: that is Run 1’s value` };
  return { config };
}

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
