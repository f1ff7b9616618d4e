// Bundled at build time, so the installed package reports the version it was published as.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
