import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { TaskStatus } from '../tasks/task.entity';

@Entity('workflows')
export class Workflow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column() name: string;
  @Column({ default: '' }) description: string;
  @Column() isDefault: boolean;
  @Column() allowOpenBlockers: boolean;
  @Column() initialStateKey: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** Certification decisions a state reacts to, each naming the state the task moves to. */
export const CERTIFICATION_REACTIONS = ['approved', 'rejected', 'revoked'] as const;
export type CertificationReaction = (typeof CERTIFICATION_REACTIONS)[number];
export type OnCertification = Partial<Record<CertificationReaction, string>>;

@Entity('workflow_states')
export class WorkflowState {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') workflowId: string;
  @Column() key: string;
  @Column() name: string;
  /** The task status a task gets when it enters this state. */
  @Column({ type: 'varchar' }) category: TaskStatus;
  @Column() requiresCertification: boolean;
  /** Entering this state asks Runcible to certify the task's llm_output under this policy. */
  @Column({ type: 'jsonb', nullable: true }) requestCertification: { policy_key: string } | null;
  /** Where a task in this state goes when its certification is approved, rejected or revoked. */
  @Column({ type: 'jsonb', nullable: true }) onCertification: OnCertification | null;
  @Column('integer') position: number;
}

@Entity('workflow_transitions')
export class WorkflowTransition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') workflowId: string;
  @Column('uuid') fromStateId: string;
  @Column('uuid') toStateId: string;
  @Column() name: string;
  @Column({ type: 'text', array: true }) requiredRoles: string[];
  @Column({ type: 'text', array: true }) requiredFields: string[];
  /** At least this many votes (approve or reject) cast by eligible approvers. */
  @Column('integer') quorum: number;
  /** At least this many approvals among eligible approvers. */
  @Column('integer') approvalsRequired: number;
  @Column({ type: 'varchar', nullable: true }) approverRole: string | null;
  @Column({ type: 'uuid', array: true }) approverUserIds: string[];
}

@Entity('workflow_instances')
export class WorkflowInstance {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') workflowId: string;
  @Column('uuid') taskId: string;
  @Column('uuid') currentStateId: string;
  /** Incremented on every transition: votes belong to the round in which they were cast. */
  @Column('integer') round: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const VOTE_DECISIONS = ['approve', 'reject'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

@Entity('workflow_instance_votes')
export class WorkflowInstanceVote {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') instanceId: string;
  @Column('uuid') transitionId: string;
  @Column('integer') round: number;
  @Column('uuid') voterId: string;
  @Column({ type: 'varchar' }) decision: VoteDecision;
  @Column({ default: '' }) comment: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** Task fields a transition may require to be filled in. */
export const REQUIRABLE_FIELDS = ['assignee_id', 'due_date', 'estimate_minutes', 'description'] as const;

export interface WorkflowDefinition {
  workflow: Workflow;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}

export function publicState(state: WorkflowState): Record<string, unknown> {
  return {
    id: state.id,
    key: state.key,
    name: state.name,
    category: state.category,
    requires_certification: state.requiresCertification,
    request_certification: state.requestCertification ?? null,
    on_certification: state.onCertification ?? null,
    position: state.position,
  };
}

export function publicWorkflow(def: WorkflowDefinition): Record<string, unknown> {
  const keyOf = (id: string): string => def.states.find((s) => s.id === id)?.key ?? id;
  return {
    id: def.workflow.id,
    name: def.workflow.name,
    description: def.workflow.description,
    is_default: def.workflow.isDefault,
    allow_open_blockers: def.workflow.allowOpenBlockers,
    initial_state: def.workflow.initialStateKey,
    states: def.states.map(publicState),
    transitions: def.transitions.map((t) => ({
      id: t.id,
      name: t.name,
      from: keyOf(t.fromStateId),
      to: keyOf(t.toStateId),
      required_roles: t.requiredRoles,
      required_fields: t.requiredFields,
      votes: {
        quorum: t.quorum,
        approvals_required: t.approvalsRequired,
        approver_role: t.approverRole,
        approver_user_ids: t.approverUserIds,
      },
    })),
    version: def.workflow.version,
    created_at: def.workflow.createdAt.toISOString(),
    updated_at: def.workflow.updatedAt.toISOString(),
  };
}
