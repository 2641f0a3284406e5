import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '@oversing/platform/tracing';

/**
 * Imported first by a spec: tracing on, exporting to memory, before http, pg and ioredis load (as
 * apps/<app>/src/instrument.ts does in each main.ts).
 */
export const spans = new InMemorySpanExporter();
export const tracing = startTracing('oversing-test', { env: {}, exporter: spans });
