/** The app's version, from package.json (only this field is bundled). Stored in every checkpoint. */
export { version as APP_VERSION } from '../package.json';
import { version } from '../package.json';

declare global {
  interface ImportMetaEnv {
    /** Set by vite.config.ts from the PG_BUILD_ID environment variable at build time; absent in tests. */
    readonly PG_BUILD_ID?: string;
  }
}

/** A label for this build (a deploy id or commit), empty when the build was not given one. */
export const APP_BUILD: string = import.meta.env.PG_BUILD_ID ?? '';

/** The version as shown to people: `0.1.0`, or `0.1.0+<build>` when the build has a label. */
export const APP_VERSION_LABEL = APP_BUILD ? `${version}+${APP_BUILD}` : version;
