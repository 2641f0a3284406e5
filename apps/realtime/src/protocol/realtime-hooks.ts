import { RealtimeApp } from './realtime-app';

/** What the protocol reports for webhooks. Calls are fire-and-forget: a hook never delays a client. */
export interface RealtimeHooks {
  channelOccupied(app: RealtimeApp, channel: string): void;
  channelVacated(app: RealtimeApp, channel: string): void;
  memberAdded(app: RealtimeApp, channel: string, userId: string): void;
  memberRemoved(app: RealtimeApp, channel: string, userId: string): void;
  clientEvent(
    app: RealtimeApp,
    channel: string,
    event: string,
    data: string,
    socketId: string,
    userId?: string,
  ): void;
  subscriptionCount(app: RealtimeApp, channel: string, count: number): void;
  cacheMiss(app: RealtimeApp, channel: string): void;
}

export const NO_HOOKS: RealtimeHooks = {
  channelOccupied: () => undefined,
  channelVacated: () => undefined,
  memberAdded: () => undefined,
  memberRemoved: () => undefined,
  clientEvent: () => undefined,
  subscriptionCount: () => undefined,
  cacheMiss: () => undefined,
};
