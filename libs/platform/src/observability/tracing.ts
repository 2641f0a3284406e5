import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * OpenTelemetry tracing for every process, off unless `OTEL_TRACES_EXPORTER` names an exporter.
 *
 * Each app's `src/instrument.ts` calls `startTracing(name)` and is the first import of its main.ts, so
 * the instrumentations (http for incoming requests, undici for `fetch`, pg, ioredis) hook `require`
 * before those modules load. When tracing is off nothing but `@opentelemetry/api` is loaded (its calls
 * are no-ops); the SDK, the instrumentations and the exporter are required only when it is on.
 *
 * Configuration, with the standard variables:
 * - `OTEL_TRACES_EXPORTER`: `none` (default), `otlp` (OTLP over HTTP/protobuf), `console`; a comma list
 *   may name several.
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` (default `http://localhost:4318`, `/v1/traces` appended) or
 *   `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as is), `OTEL_EXPORTER_OTLP_HEADERS`.
 * - `OTEL_SERVICE_NAME` overrides the service name; `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG`
 *   (default `parentbased_always_on`); `OTEL_SDK_DISABLED=true` turns everything off.
 */
export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** Export to this exporter (tests: an InMemorySpanExporter) instead of OTEL_TRACES_EXPORTER's. */
  exporter?: SpanExporter;
}

export interface Tracing {
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly exporters: readonly string[];
  /** Exports the spans that have ended and are still buffered. */
  flush(): Promise<void>;
  /** Flushes and stops tracing in this process. */
  shutdown(): Promise<void>;
}

const KNOWN_EXPORTERS = ['none', 'otlp', 'console'] as const;
type ExporterName = (typeof KNOWN_EXPORTERS)[number];

/** The exporters named by OTEL_TRACES_EXPORTER; throws, naming the variable, on an unknown one. */
export function tracesExportersOf(env: NodeJS.ProcessEnv): ExporterName[] {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return [];
  const names = (env.OTEL_TRACES_EXPORTER ?? 'none')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n.length > 0);
  for (const name of names) {
    if (!(KNOWN_EXPORTERS as readonly string[]).includes(name))
      throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter "${name}" (use none, otlp or console)`);
  }
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (names.includes('otlp') && protocol && protocol !== 'http/protobuf')
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL: only http/protobuf is supported, not "${protocol}"`);
  return (names as ExporterName[]).filter((n) => n !== 'none');
}

let active: Tracing | undefined;

/** Paths whose requests are not traced: probes and scrapes would drown the real traffic. */
const UNTRACED_PATHS = /^\/(health\/|metrics(\?|$)|admin\/queues\/static\/)/;

/**
 * Starts tracing for this process once (later calls return the first result: several apps may share
 * one process in tests). Call it before anything imports http, pg or ioredis.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): Tracing {
  if (active) return active;
  const env = options.env ?? process.env;
  const names = tracesExportersOf(env);
  if (!options.exporter && names.length === 0) {
    active = {
      enabled: false,
      serviceName,
      exporters: [],
      flush: () => Promise.resolve(),
      shutdown: () => {
        active = undefined;
        return Promise.resolve();
      },
    };
    return active;
  }
  active = startSdk(env.OTEL_SERVICE_NAME?.trim() || serviceName, names, options.exporter);
  return active;
}

/** startTracing for a main.ts: a bad OTEL_* variable is reported in one line and the process exits 1. */
export function startTracingOrExit(serviceName: string): Tracing {
  try {
    return startTracing(serviceName);
  } catch (error) {
    process.stderr.write(`${serviceName}: invalid configuration: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- the SDK is loaded only when tracing is on */
function startSdk(serviceName: string, names: ExporterName[], custom?: SpanExporter): Tracing {
  const base = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  const { W3CTraceContextPropagator } =
    require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const { Resource } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } =
    require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');

  const processors = [];
  if (custom) processors.push(new base.SimpleSpanProcessor(custom));
  for (const name of names) {
    if (name === 'console') processors.push(new base.SimpleSpanProcessor(new base.ConsoleSpanExporter()));
    if (name === 'otlp') {
      const { OTLPTraceExporter } =
        require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
      processors.push(new base.BatchSpanProcessor(new OTLPTraceExporter()));
    }
  }
  const provider = new base.BasicTracerProvider({
    resource: new Resource({ 'service.name': serviceName }),
    spanProcessors: processors,
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  const unload = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      }),
      new UndiciInstrumentation(),
      // Background polling (BullMQ, the outbox relays) would otherwise make a root span per command.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  return {
    enabled: true,
    serviceName,
    exporters: custom ? [...names, 'custom'] : names,
    flush: () => provider.forceFlush(),
    // Flushes, then unhooks everything, so a later startTracing in the same process starts afresh.
    shutdown: async () => {
      unload();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      active = undefined;
    },
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The W3C `traceparent` of the active span, to store with work handed to another process. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

/** The context a stored `traceparent` continues (the root context when it is absent or malformed). */
export function contextFromTraceparent(traceparent: unknown): Context {
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

export interface QueuedWorkSpan {
  /** The stored traceparents of the items the work handles: the first valid one is the parent. */
  traceparents: readonly unknown[];
  attributes?: Attributes;
}

/**
 * Runs `fn` in a consumer span that continues the trace of the request that queued the work: the span
 * is a child of the first item's `traceparent` and links to every other distinct trace, so a batch of
 * items from several requests is reachable from each of them. Outgoing `fetch` calls inside `fn` carry
 * the span's `traceparent`. A no-op span when tracing is off.
 */
export async function inQueuedWorkSpan<T>(
  name: string,
  work: QueuedWorkSpan,
  fn: () => Promise<T>,
): Promise<T> {
  const parents = [
    ...new Set(work.traceparents.filter((t): t is string => typeof t === 'string' && TRACEPARENT.test(t))),
  ];
  const parent = contextFromTraceparent(parents[0]);
  const links: Link[] = parents.slice(1).flatMap((t) => {
    const spanContext = trace.getSpanContext(contextFromTraceparent(t));
    return spanContext ? [{ context: spanContext }] : [];
  });
  const tracer = trace.getTracer('oversing');
  return tracer.startActiveSpan(
    name,
    { kind: SpanKind.CONSUMER, links, attributes: work.attributes },
    parent,
    async (span) => {
      try {
        return await fn();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The trace id of the active span, for log lines (undefined when tracing is off). */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
