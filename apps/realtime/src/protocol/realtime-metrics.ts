import { Counter, Gauge, Histogram } from 'prom-client';
import { getOrCreate, metricsRegistry } from '@oversing/platform';

/** Prometheus metrics of a realtime node. */
export class RealtimeMetrics {
  private readonly registry = metricsRegistry();
  readonly connections = getOrCreate(
    'realtime_connections',
    () =>
      new Gauge({
        name: 'realtime_connections',
        help: 'Open WebSocket connections on this node',
        registers: [this.registry],
      }),
  );
  readonly channels = getOrCreate(
    'realtime_channels',
    () =>
      new Gauge({
        name: 'realtime_channels',
        help: 'Channels with local subscribers on this node',
        registers: [this.registry],
      }),
  );
  readonly messagesIn = getOrCreate(
    'realtime_messages_in_total',
    () =>
      new Counter({
        name: 'realtime_messages_in_total',
        help: 'Frames received from clients',
        registers: [this.registry],
      }),
  );
  readonly messagesOut = getOrCreate(
    'realtime_messages_out_total',
    () =>
      new Counter({
        name: 'realtime_messages_out_total',
        help: 'Frames sent to clients',
        registers: [this.registry],
      }),
  );
  readonly redisRoundtrip = getOrCreate(
    'realtime_redis_roundtrip_seconds',
    () =>
      new Histogram({
        name: 'realtime_redis_roundtrip_seconds',
        help: 'Time from publishing on the Redis bus to receiving it back on the same node',
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers: [this.registry],
      }),
  );
}
