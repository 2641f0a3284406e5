import { Injectable } from '@nestjs/common';
import { AppException, Enveloped, ErrorDetail, paginate, parseListQuery } from '@oversing/platform';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { DEFAULT_WORKFLOW } from './default-workflow';
import { CreateWorkflowDto, OnCertificationDto } from './dto/workflow.dto';
import {
  CERTIFICATION_REACTIONS,
  OnCertification,
  publicState,
  publicWorkflow,
  WorkflowDefinition,
} from './workflow.entity';
import { WorkflowInstanceRepository, WorkflowRepository } from './workflow.repository';

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly instances: WorkflowInstanceRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
    hierarchy: ResourceHierarchy,
  ) {
    hierarchy.register('workflow', async (id) =>
      (await this.workflows.findById(id)) ? [{ type: 'workflow', id }] : null,
    );
  }

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { name: 'name', created_at: 'created_at' },
      filterable: [],
      selectable: [
        'name',
        'description',
        'is_default',
        'allow_open_blockers',
        'initial_state',
        'states',
        'transitions',
        'version',
        'created_at',
        'updated_at',
      ],
      defaultSort: 'name',
    });
    const rows = await this.workflows.list(query);
    return paginate(
      rows.map(publicWorkflow),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string), row.id as string],
      `/api/v1/workflows?limit=${query.limit}`,
    );
  }

  async get(id: string): Promise<WorkflowDefinition> {
    const def = await this.workflows.definition(id);
    if (!def) throw AppException.notFound('Workflow');
    return def;
  }

  async states(id: string): Promise<Record<string, unknown>[]> {
    const def = await this.get(id);
    return def.states.map((state) => ({
      ...publicState(state),
      initial: state.key === def.workflow.initialStateKey,
      transitions_to: def.transitions
        .filter((t) => t.fromStateId === state.id)
        .map((t) => def.states.find((s) => s.id === t.toStateId)!.key),
    }));
  }

  async create(dto: CreateWorkflowDto): Promise<WorkflowDefinition> {
    return this.bus.transaction(async () => {
      await this.validate(dto);
      const def = await this.workflows.insertDefinition({
        workflow: {
          name: dto.name.trim(),
          description: dto.description ?? '',
          isDefault: dto.is_default ?? false,
          allowOpenBlockers: dto.allow_open_blockers ?? false,
          initialStateKey: dto.initial_state,
        },
        states: dto.states.map((s, position) => ({
          key: s.key,
          name: s.name.trim(),
          category: s.category,
          requiresCertification: s.requires_certification ?? false,
          requestCertification: s.request_certification
            ? { policy_key: s.request_certification.policy_key }
            : null,
          onCertification: onCertificationOf(s.on_certification),
          position,
        })),
        transitions: dto.transitions.map((t) => ({
          from: t.from,
          to: t.to,
          name: t.name?.trim() || `${t.from} → ${t.to}`,
          requiredRoles: t.required_roles ?? [],
          requiredFields: t.required_fields ?? [],
          quorum: t.quorum ?? 0,
          approvalsRequired: t.approvals_required ?? 0,
          approverRole: t.approver_role ?? null,
          approverUserIds: t.approver_user_ids ?? [],
        })),
      });
      const after = publicWorkflow(def);
      await this.audit.record({
        entityType: 'workflow',
        entityId: def.workflow.id,
        action: 'created',
        before: null,
        after,
      });
      await this.bus.publish({
        type: 'workflow.created',
        entityType: 'workflow',
        entityId: def.workflow.id,
        channels: [`tenant.${def.workflow.tenantId}`],
        payload: { id: def.workflow.id, name: def.workflow.name },
      });
      return def;
    });
  }

  /** Creates the default workflow of the current tenant unless one (or one with its name) exists. */
  async ensureDefault(definition: CreateWorkflowDto = DEFAULT_WORKFLOW): Promise<WorkflowDefinition> {
    const existing = await this.workflows.defaultDefinition();
    if (existing) return existing;
    const named = await this.workflows.findByName(definition.name);
    if (named) return this.get(named.id);
    return this.create(definition);
  }

  private async validate(dto: CreateWorkflowDto): Promise<void> {
    const details: ErrorDetail[] = [];
    const keys = dto.states.map((s) => s.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i)
        details.push({ field: `states.${i}.key`, message: `duplicate key "${key}"` });
    });
    if (!keys.includes(dto.initial_state))
      details.push({ field: 'initial_state', message: 'must be the key of one of the states' });
    dto.states.forEach((s, i) => {
      for (const [decision, target] of Object.entries(s.on_certification ?? {}))
        if (target !== undefined && !keys.includes(target))
          details.push({
            field: `states.${i}.on_certification.${decision}`,
            message: 'no state with this key',
          });
    });
    const pairs = new Set<string>();
    const roles = new Set<string>();
    const users = new Set<string>();
    dto.transitions.forEach((t, i) => {
      const at = `transitions.${i}`;
      if (!keys.includes(t.from)) details.push({ field: `${at}.from`, message: 'no state with this key' });
      if (!keys.includes(t.to)) details.push({ field: `${at}.to`, message: 'no state with this key' });
      if (t.from === t.to) details.push({ field: `${at}.to`, message: 'must differ from "from"' });
      if (pairs.has(`${t.from}>${t.to}`))
        details.push({ field: at, message: `duplicate transition ${t.from} → ${t.to}` });
      pairs.add(`${t.from}>${t.to}`);
      const approvals = t.approvals_required ?? 0;
      const votes = (t.quorum ?? 0) > 0 || approvals > 0;
      const hasApprovers = Boolean(t.approver_role) || Boolean(t.approver_user_ids?.length);
      if (votes && !hasApprovers)
        details.push({
          field: `${at}.approver_role`,
          message: 'votes need approver_role or approver_user_ids',
        });
      if (!votes && hasApprovers)
        details.push({
          field: `${at}.quorum`,
          message: 'approvers are set but no quorum or approvals required',
        });
      if (t.approver_user_ids?.length && !t.approver_role) {
        const max = t.approver_user_ids.length;
        if (approvals > max)
          details.push({
            field: `${at}.approvals_required`,
            message: `cannot exceed the ${max} listed approver(s)`,
          });
        if ((t.quorum ?? 0) > max)
          details.push({ field: `${at}.quorum`, message: `cannot exceed the ${max} listed approver(s)` });
      }
      for (const r of t.required_roles ?? []) roles.add(r);
      if (t.approver_role) roles.add(t.approver_role);
      for (const u of t.approver_user_ids ?? []) users.add(u);
    });
    const knownRoles = await this.instances.existingRoleKeys([...roles]);
    const knownUsers = await this.instances.existingUserIds([...users]);
    dto.transitions.forEach((t, i) => {
      const at = `transitions.${i}`;
      for (const r of t.required_roles ?? [])
        if (!knownRoles.includes(r))
          details.push({ field: `${at}.required_roles`, message: `no role "${r}" in the tenant` });
      if (t.approver_role && !knownRoles.includes(t.approver_role))
        details.push({ field: `${at}.approver_role`, message: `no role "${t.approver_role}" in the tenant` });
      for (const u of t.approver_user_ids ?? [])
        if (!knownUsers.includes(u))
          details.push({ field: `${at}.approver_user_ids`, message: `no user ${u} in the tenant` });
    });
    if (details.length) throw AppException.validation(details);
    if (await this.workflows.findByName(dto.name.trim()))
      throw AppException.conflict('A workflow with this name exists', [
        { field: 'name', message: 'already used in the tenant' },
      ]);
    if (dto.is_default && (await this.workflows.defaultDefinition()))
      throw AppException.conflict('The tenant already has a default workflow', [
        { field: 'is_default', message: 'another workflow is the default' },
      ]);
  }
}

/** The decisions a state reacts to, without empty entries (null when none). */
function onCertificationOf(dto: OnCertificationDto | undefined): OnCertification | null {
  if (!dto) return null;
  const reactions: OnCertification = {};
  for (const decision of CERTIFICATION_REACTIONS) if (dto[decision]) reactions[decision] = dto[decision];
  return Object.keys(reactions).length ? reactions : null;
}
