import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** A blocker in one of these states no longer blocks (finish-to-start). */
export const CLOSED_STATUSES: TaskStatus[] = ['done', 'cancelled'];

/** An LLM output attached to a task: what was asked, what came back, and from which model. */
export interface LlmOutput {
  input: unknown;
  output: unknown;
  provider: string;
  model: string;
}

@Entity('tasks')
export class Task {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') programId: string;
  @Column() title: string;
  @Column({ default: '' }) description: string;
  @Column({ type: 'varchar' }) status: TaskStatus;
  @Column({ type: 'smallint' }) priority: number;
  @Column({ type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'date', nullable: true }) dueDate: string | null;
  @Column({ type: 'integer', nullable: true }) estimateMinutes: number | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  /** The LLM output the task relies on, certified by Runcible when the workflow asks for it. */
  @Column({ type: 'jsonb', nullable: true }) llmOutput: LlmOutput | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('task_dependencies')
export class TaskDependency {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') blockerId: string;
  @Column('uuid') blockedId: string;
  @Column({ type: 'varchar', default: 'finish_to_start' }) type: 'finish_to_start';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const TASK_FIELDS = [
  'program_id',
  'title',
  'description',
  'status',
  'priority',
  'assignee_id',
  'due_date',
  'estimate_minutes',
  'completed_at',
  'llm_output',
  'version',
  'created_at',
  'updated_at',
];

export function publicTask(task: Task): Record<string, unknown> {
  return {
    id: task.id,
    program_id: task.programId,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    assignee_id: task.assigneeId,
    due_date: task.dueDate,
    estimate_minutes: task.estimateMinutes,
    completed_at: task.completedAt ? task.completedAt.toISOString() : null,
    llm_output: task.llmOutput ?? null,
    version: task.version,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
  };
}
