// `npm run build:web`: the production build of the PWA (minified, service worker registered, source maps
// kept out of what is served), whatever NODE_ENV the caller runs with. `npm start` and the end-to-end tests
// both serve this build.
import { build } from 'vite';

process.env.NODE_ENV = 'production';
await build({ configFile: 'apps/web/vite.config.ts', mode: 'production', logLevel: 'warn' });
