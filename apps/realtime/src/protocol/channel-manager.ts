import { Connection } from './connection';

/** This node's subscriptions: which local connections listen on each channel of each app. */
export class ChannelManager {
  private readonly channels = new Map<string, Set<Connection>>();

  private static keyOf(appId: string, channel: string): string {
    return `${appId}\u0000${channel}`;
  }

  /** Adds the connection; false when it was subscribed already. */
  add(connection: Connection, channel: string): boolean {
    if (connection.channels.has(channel)) return false;
    const key = ChannelManager.keyOf(connection.app.id, channel);
    let members = this.channels.get(key);
    if (!members) {
      members = new Set();
      this.channels.set(key, members);
    }
    members.add(connection);
    connection.channels.add(channel);
    return true;
  }

  /** Removes the connection; false when it was not subscribed. */
  remove(connection: Connection, channel: string): boolean {
    if (!connection.channels.delete(channel)) return false;
    const key = ChannelManager.keyOf(connection.app.id, channel);
    const members = this.channels.get(key);
    members?.delete(connection);
    if (members && members.size === 0) this.channels.delete(key);
    return true;
  }

  subscribers(appId: string, channel: string): ReadonlySet<Connection> | undefined {
    return this.channels.get(ChannelManager.keyOf(appId, channel));
  }

  /** Number of channels with at least one local subscriber. */
  get size(): number {
    return this.channels.size;
  }
}
