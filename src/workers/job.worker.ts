/**
 * The one worker bundle of the app. Every job (a DQN run, the Studio, the image models, the Learn panels, the
 * System page) runs in its own instance of this file; the instance's name, given by its client, picks which
 * API it loads. One entry means one bundle: tfjs and its backends are a single shared chunk that the browser
 * downloads and caches once, instead of one copy in each of five separately built worker bundles.
 */
import { expose } from 'comlink';
import { workerDigits } from './images/digits';

/** The API modules by worker name. Each is a dynamic import, so an instance loads only its own job's code. */
async function loadApi(name: string): Promise<object> {
  switch (name) {
    case 'rl':
      return (await import('./rl.worker')).api;
    case 'studio':
      return (await import('./studio.worker')).api;
    case 'images':
      // The digits download and decode while tfjs, which they do not need, loads. Their module (and fflate, 14 KB)
      // is bundled with this entry: a dynamic import queued its chunks behind tfjs's.
      void workerDigits().catch(() => undefined);
      return (await import('./images.worker')).api;
    case 'learn':
      return (await import('./learn.worker')).api;
    case 'system':
      return (await import('./system.worker')).api;
    default:
      throw new Error(`Expected a worker named rl, studio, images, learn or system, got "${name}"`);
  }
}

// Calls can arrive while the API module is still loading: hold them, then hand them to Comlink in order.
const early: MessageEvent[] = [];
const hold = (event: MessageEvent): void => {
  early.push(event);
};
self.addEventListener('message', hold);
const api = await loadApi(self.name);
self.removeEventListener('message', hold);
expose(api);
for (const event of early) self.dispatchEvent(new MessageEvent('message', { data: event.data }));
