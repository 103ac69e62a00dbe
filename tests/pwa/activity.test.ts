import { describe, expect, it } from 'vitest';
import { onActivityChange, runningActivities, startActivity } from '../../src/pwa/activity';
import { onPwaStateChange, pwaState, setPwaState } from '../../src/pwa/pwa-state';

describe('running work, as the update banner sees it', () => {
  it('lists work while it runs, once per label, and forgets it when it ends', () => {
    const endA = startActivity('Training in the Arena');
    const endB = startActivity('Training in the Arena');
    const endC = startActivity('Training the 2-D GAN');
    expect(runningActivities()).toEqual(['Training in the Arena', 'Training the 2-D GAN']);
    endA();
    expect(runningActivities()).toEqual(['Training in the Arena', 'Training the 2-D GAN']);
    endB();
    endC();
    expect(runningActivities()).toEqual([]);
  });

  it('notifies on start and end, and an end called twice counts once', () => {
    let calls = 0;
    const unsubscribe = onActivityChange(() => calls++);
    const end = startActivity('Training in the Arena');
    end();
    end();
    expect(calls).toBe(2);
    unsubscribe();
    startActivity('Training in the Arena')();
    expect(calls).toBe(2);
  });
});

describe('PWA state', () => {
  it('merges updates and tells subscribers', () => {
    const seen: boolean[] = [];
    const unsubscribe = onPwaStateChange((state) => seen.push(state.updateReady));
    setPwaState({ updateReady: true });
    expect(pwaState()).toMatchObject({ updateReady: true, online: true, storagePersisted: null });
    setPwaState({ online: false });
    expect(pwaState()).toMatchObject({ updateReady: true, online: false });
    unsubscribe();
    setPwaState({ updateReady: false });
    expect(seen).toEqual([true, true]);
  });
});
