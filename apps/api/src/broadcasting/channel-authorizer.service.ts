import { Inject, Injectable } from '@nestjs/common';
import { AppException, Principal, scopesAllow } from '@oversing/platform';
import { signChannelAuth } from '@oversing/pusher';
import { API_CONFIG } from '../api.config';
import type { ApiConfig } from '../api.config';
import { PolicyService } from '../access/policy.service';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import { UserRepository } from '../identity/user.repository';
import { TENANT_TOPICS, tenantWidePermissionOf } from '../events/event-visibility';
import type { TenantTopic } from '../events/event-visibility';

export interface ChannelAuthResponse {
  auth: string;
  channel_data?: string;
}

/** Private channels backed by a resource: the permission to read it and the hierarchy type resolving it. */
const RESOURCE_CHANNELS: Record<string, { type: string; permission: string }> = {
  program: { type: 'program', permission: 'programs:read' },
  task: { type: 'task', permission: 'tasks:read' },
  certification: { type: 'certification', permission: 'certifications:read' },
};

const PRIVATE_CHANNEL = /^private-(user|program|task|certification)\.([A-Za-z0-9-]{1,64})$/;
const WORKSPACE_CHANNEL = /^presence-workspace\.([A-Za-z0-9-]{1,64})$/;
const TENANT_TOPIC_CHANNEL = new RegExp(
  `^private-tenant\\.([A-Za-z0-9-]{1,64})\\.(${TENANT_TOPICS.join('|')})$`,
);

/**
 * Decides which Oversing channels a principal may join and signs the answer with the realtime app's
 * secret (the Pusher auth signature): `private-user.{id}` only for that user; `private-program.{id}`,
 * `private-task.{id}` and `private-certification.{id}` by RBAC on the resource in the caller's tenant;
 * `presence-workspace.{tenantId}` (presence only, no data) for users of that tenant;
 * `private-tenant.{tenantId}.{topic}` (the tenant's events of a topic, e.g. `financial`) for principals of
 * that tenant holding the topic's read permission tenant-wide (for `work-logs`, everyone's time:
 * work-logs:approve; a member gets their own time on `private-user.{id}`).
 */
@Injectable()
export class ChannelAuthorizer {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly policy: PolicyService,
    private readonly hierarchy: ResourceHierarchy,
    private readonly users: UserRepository,
  ) {}

  async authorize(principal: Principal, socketId: string, channel: string): Promise<ChannelAuthResponse> {
    const app = { key: this.config.REALTIME_APP_KEY, secret: this.config.REALTIME_APP_SECRET };
    const privateMatch = PRIVATE_CHANNEL.exec(channel);
    if (privateMatch) {
      const [, kind, id] = privateMatch;
      if (kind === 'user') {
        if (principal.kind !== 'user' || principal.id !== id)
          throw AppException.forbidden('Not your channel');
      } else {
        await this.assertResourceAccess(principal, RESOURCE_CHANNELS[kind], id);
      }
      return { auth: signChannelAuth(app, socketId, channel) };
    }
    const topic = TENANT_TOPIC_CHANNEL.exec(channel);
    if (topic) {
      const [, tenantId, name] = topic;
      if (tenantId !== principal.tenantId) throw AppException.forbidden('Not your workspace');
      const permission = `${name}:read`;
      if (!scopesAllow(principal.scopes, permission, principal.kind)) {
        throw AppException.forbidden(`The token lacks the scope for ${permission}`);
      }
      const tenantWide = tenantWidePermissionOf(name as TenantTopic);
      if ((await this.policy.authorize(principal, tenantWide)) !== 'allow') {
        throw AppException.forbidden(`Requires permission ${tenantWide} in the whole workspace`);
      }
      return { auth: signChannelAuth(app, socketId, channel) };
    }
    const workspace = WORKSPACE_CHANNEL.exec(channel);
    if (workspace) {
      if (principal.kind !== 'user' || workspace[1] !== principal.tenantId) {
        throw AppException.forbidden('Only users of this workspace may join it');
      }
      const user = await this.users.findById(principal.id);
      if (!user) throw AppException.forbidden('Unknown user');
      const channelData = JSON.stringify({
        user_id: user.id,
        user_info: { name: user.name, email: user.email },
      });
      return { auth: signChannelAuth(app, socketId, channel, channelData), channel_data: channelData };
    }
    throw AppException.forbidden('This channel cannot be joined');
  }

  private async assertResourceAccess(
    principal: Principal,
    resource: { type: string; permission: string },
    id: string,
  ): Promise<void> {
    if (!this.hierarchy.has(resource.type)) throw AppException.forbidden('This channel cannot be joined yet');
    if (!scopesAllow(principal.scopes, resource.permission, principal.kind)) {
      throw AppException.forbidden(`The token lacks the scope for ${resource.permission}`);
    }
    const decision = await this.policy.authorize(principal, resource.permission, { type: resource.type, id });
    // A resource of another tenant resolves to nothing: refused like any other, without saying it exists.
    if (decision !== 'allow') throw AppException.forbidden(`Requires permission ${resource.permission}`);
  }
}
