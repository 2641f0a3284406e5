import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const PROGRAM_STATUSES = ['active', 'on_hold', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

@Entity('programs')
export class Program {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column({ type: 'uuid', nullable: true }) parentId: string | null;
  @Column() name: string;
  @Column({ default: '' }) description: string;
  @Column({ type: 'varchar' }) status: ProgramStatus;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export function publicProgram(program: Program): Record<string, unknown> {
  return {
    id: program.id,
    parent_id: program.parentId,
    name: program.name,
    description: program.description,
    status: program.status,
    version: program.version,
    created_at: program.createdAt.toISOString(),
    updated_at: program.updatedAt.toISOString(),
  };
}
