import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('access_roles')
export class AccessRole {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column() key: string;
  @Column() name: string;
  @Column() description: string;
  @Column({ type: 'uuid', nullable: true }) parentRoleId: string | null;
  @Column() system: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('access_permissions')
export class AccessPermission {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') roleId: string;
  @Column() permission: string;
}

@Entity('user_groups')
export class UserGroup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column() name: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('user_group_members')
export class UserGroupMember {
  @Column('uuid') tenantId: string;
  @PrimaryColumn('uuid') groupId: string;
  @PrimaryColumn('uuid') userId: string;
}

export type ContextType = 'tenant' | 'program' | 'task';

@Entity('role_assignments')
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') roleId: string;
  @Column({ type: 'varchar' }) principalType: 'user' | 'group';
  @Column('uuid') principalId: string;
  @Column({ type: 'varchar' }) contextType: ContextType;
  @Column({ type: 'uuid', nullable: true }) contextId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
