import { Injectable } from '@nestjs/common';
import { Principal, scopesAllow } from '@oversing/platform';
import type { DomainEventContract } from '@oversing/contracts';
import { PolicyService } from '../access/policy.service';

/**
 * Who may see a domain event. An event's payload is a copy of the resource it is about, so seeing the
 * event needs the permission to read that resource: an invoice event needs `financial:read`, a task
 * event `tasks:read` tenant-wide or on the task's program. The same rule serves the realtime channels
 * (tenant-wide topics per permission) and the catch-up (GET /api/v1/sync). Work logs and time cards are
 * personal: the topic of everyone's needs work-logs:approve, and their owner sees their own.
 */
export const TENANT_TOPICS = [
  'tasks',
  'programs',
  'workflows',
  'work-logs',
  'financial',
  'certifications',
  'users',
] as const;
export type TenantTopic = (typeof TENANT_TOPICS)[number];

const TOPIC_OF_ENTITY: Record<string, TenantTopic> = {
  task: 'tasks',
  program: 'programs',
  workflow: 'workflows',
  work_log: 'work-logs',
  time_card: 'work-logs',
  timecard: 'work-logs',
  invoice: 'financial',
  contract: 'financial',
  budget: 'financial',
  expense: 'financial',
  exchange_rate: 'financial',
  certification: 'certifications',
  user: 'users',
};

/**
 * What a principal needs tenant-wide to see every event of a topic: the topic's read permission, except
 * for work logs and time cards, where work-logs:read reads only one's own (the API's WorkLogsService):
 * everyone's are for holders of work-logs:approve. Owners get their own on `private-user.{id}`.
 */
const TENANT_WIDE_PERMISSION: Partial<Record<TenantTopic, string>> = { 'work-logs': 'work-logs:approve' };

export const tenantWidePermissionOf = (topic: TenantTopic): string =>
  TENANT_WIDE_PERMISSION[topic] ?? `${topic}:read`;

/** The topic (and so the read permission) of an event, or undefined: then only resource channels carry it. */
export function topicOf(event: Pick<DomainEventContract, 'entity_type' | 'type'>): TenantTopic | undefined {
  return TOPIC_OF_ENTITY[event.entity_type] ?? TOPIC_OF_ENTITY[event.type.split('.')[0]];
}

export const tenantTopicChannel = (tenantId: string, topic: TenantTopic): string =>
  `private-tenant.${tenantId}.${topic}`;

/**
 * Maps a domain event's channels to realtime channels: `task.{id}` → `private-task.{id}` (likewise
 * program, user, certification) and `tenant.{id}` → `private-tenant.{id}.{topic}`, which only users with
 * the topic's read permission tenant-wide may join. Nothing goes to the workspace presence channel.
 */
export function realtimeChannelsOf(event: DomainEventContract): string[] {
  const topic = topicOf(event);
  return [
    ...new Set(
      event.channels.flatMap((channel) => {
        if (!channel.startsWith('tenant.')) return [`private-${channel}`];
        return topic ? [tenantTopicChannel(channel.slice('tenant.'.length), topic)] : [];
      }),
    ),
  ];
}

const RESOURCE_CHANNEL = /^(task|program)\.([0-9a-f-]{36})$/;

/** Filters events down to those the principal may read (the catch-up of GET /api/v1/sync). */
@Injectable()
export class EventVisibility {
  constructor(private readonly policy: PolicyService) {}

  async visibleTo(principal: Principal, events: DomainEventContract[]): Promise<DomainEventContract[]> {
    const decisions = new Map<string, Promise<boolean>>();
    const allowed = (permission: string, resource?: { type: string; id: string }): Promise<boolean> => {
      const key = `${permission}|${resource?.type ?? ''}|${resource?.id ?? ''}`;
      let decision = decisions.get(key);
      if (!decision) {
        decision = this.policy.authorize(principal, permission, resource).then((d) => d === 'allow');
        decisions.set(key, decision);
      }
      return decision;
    };
    const visible: DomainEventContract[] = [];
    for (const event of events) {
      const topic = topicOf(event);
      if (!topic) continue;
      const permission = `${topic}:read`;
      if (!scopesAllow(principal.scopes, permission, principal.kind)) continue;
      if (await allowed(tenantWidePermissionOf(topic))) {
        visible.push(event);
        continue;
      }
      if (principal.kind === 'user' && event.channels.includes(`user.${principal.id}`)) {
        visible.push(event);
        continue;
      }
      for (const channel of event.channels) {
        const match = RESOURCE_CHANNEL.exec(channel);
        if (match && (await allowed(permission, { type: match[1], id: match[2] }))) {
          visible.push(event);
          break;
        }
      }
    }
    return visible;
  }
}
