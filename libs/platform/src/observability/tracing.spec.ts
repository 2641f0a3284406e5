import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { contextFromTraceparent, startTracing, tracesExportersOf } from './tracing';

describe('tracesExportersOf', () => {
  it('is off unless OTEL_TRACES_EXPORTER names an exporter', () => {
    expect(tracesExportersOf({})).toEqual([]);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'none' })).toEqual([]);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual(['otlp']);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: ' OTLP , console' })).toEqual(['otlp', 'console']);
    expect(tracesExportersOf({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toEqual([]);
  });

  it('names the variable of an unknown exporter or an unsupported protocol', () => {
    expect(() => tracesExportersOf({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      'OTEL_TRACES_EXPORTER: unknown exporter "jaeger"',
    );
    expect(() =>
      tracesExportersOf({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toThrow('OTEL_EXPORTER_OTLP_PROTOCOL');
    expect(
      tracesExportersOf({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }),
    ).toEqual(['otlp']);
  });
});

describe('startTracing when off', () => {
  it('loads no SDK and leaves the no-op tracer in place', async () => {
    const tracing = startTracing('unit', { env: {} });
    expect(tracing.enabled).toBe(false);
    expect(trace.getTracer('x').startSpan('s').isRecording()).toBe(false);
    await tracing.shutdown();
  });
});

describe('contextFromTraceparent', () => {
  it('continues a W3C traceparent and ignores anything else', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(trace.getSpanContext(contextFromTraceparent(`00-${traceId}-00f067aa0ba902b7-01`))).toMatchObject({
      traceId,
      spanId: '00f067aa0ba902b7',
      isRemote: true,
    });
    for (const bad of [undefined, 42, '', 'garbage', '00-abc-def-01'])
      expect(trace.getSpanContext(contextFromTraceparent(bad))).toBeUndefined();
    propagation.disable();
  });
});
