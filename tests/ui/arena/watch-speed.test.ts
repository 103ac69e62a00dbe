import { describe, expect, it } from 'vitest';
import {
  MAX_WATCH_SPEED,
  SLIDER_STEPS,
  byHandSpeed,
  clampSpeed,
  realTimeSpeed,
  sliderFromSpeed,
  speedFromSlider,
} from '../../../src/ui/arena/watch-speed';

describe('watch speed', () => {
  it('is Gymnasium’s render_fps for its games, slower by hand for Snake', () => {
    expect(realTimeSpeed('CartPole-v1')).toBe(50);
    expect(realTimeSpeed('MountainCar-v0')).toBe(30);
    expect(realTimeSpeed('FrozenLake-v1')).toBe(4);
    expect(byHandSpeed('Snake-v0')).toBeLessThan(realTimeSpeed('Snake-v0'));
  });

  it('spans 1 step a second to the maximum on a log slider, and round-trips', () => {
    expect(speedFromSlider(0)).toBe(1);
    expect(speedFromSlider(SLIDER_STEPS)).toBe(MAX_WATCH_SPEED);
    for (const speed of [1, 4, 50, 600, MAX_WATCH_SPEED]) {
      const back = speedFromSlider(sliderFromSpeed(speed));
      expect(Math.abs(back - speed) / speed).toBeLessThan(0.05);
    }
    expect(clampSpeed(1e6)).toBe(MAX_WATCH_SPEED);
    expect(clampSpeed(NaN)).toBe(1);
  });
});
