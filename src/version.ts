/** The app's version, from package.json (only this field is bundled). Stored in every checkpoint. */
export { version as APP_VERSION } from '../package.json';
