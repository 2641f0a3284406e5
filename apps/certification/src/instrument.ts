import { startTracingOrExit } from '@oversing/platform/tracing';

// The first import of main.ts: tracing must hook require() before http, pg and ioredis are loaded.
startTracingOrExit('oversing-certification');
