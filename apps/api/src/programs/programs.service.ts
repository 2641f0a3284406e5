import { Injectable } from '@nestjs/common';
import {
  AppException,
  assertVersionMatches,
  Enveloped,
  paginate,
  parseListQuery,
  UnitOfWork,
} from '@oversing/platform';
import { ResourceHierarchy } from '../access/resource-hierarchy';
import { AuditRecorder } from '../audit/audit-recorder';
import { UsersService } from '../identity/users.service';
import { CreateProgramDto, ProgramMemberDto, UpdateProgramDto } from './dto/program.dto';
import { Program, PROGRAM_STATUSES, publicProgram } from './program.entity';
import { ProgramMemberRow, ProgramRepository } from './program.repository';

@Injectable()
export class ProgramsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly programs: ProgramRepository,
    private readonly audit: AuditRecorder,
    private readonly users: UsersService,
    hierarchy: ResourceHierarchy,
  ) {
    hierarchy.register('program', async (id) => {
      const chain = await this.programs.lineage(id);
      return chain.length ? chain.map((programId) => ({ type: 'program', id: programId })) : null;
    });
  }

  async list(raw: Record<string, unknown>): Promise<Enveloped<Record<string, unknown>[]>> {
    const query = parseListQuery(raw, {
      sortable: { name: 'name', created_at: 'created_at' },
      filterable: ['parent_id', 'status'],
      selectable: ['parent_id', 'name', 'description', 'status', 'version', 'created_at', 'updated_at'],
      defaultSort: 'name',
    });
    const details = [];
    if (
      query.filters.parent_id &&
      query.filters.parent_id !== 'null' &&
      !/^[0-9a-f-]{36}$/i.test(query.filters.parent_id)
    )
      details.push({ field: 'filter[parent_id]', message: 'must be a UUID or "null"' });
    if (query.filters.status && !(PROGRAM_STATUSES as readonly string[]).includes(query.filters.status))
      details.push({ field: 'filter[status]', message: `must be one of ${PROGRAM_STATUSES.join(', ')}` });
    if (details.length) throw AppException.validation(details);
    const rows = await this.programs.list(query);
    return paginate(
      rows.map(publicProgram),
      query,
      (row) => [...query.sort.map((s) => row[s.field] as string), row.id as string],
      `/api/v1/programs?limit=${query.limit}`,
    );
  }

  async get(id: string): Promise<Program> {
    const program = await this.programs.findById(id);
    if (!program) throw AppException.notFound('Program');
    return program;
  }

  async create(dto: CreateProgramDto): Promise<Program> {
    return this.uow.run(async () => {
      if (dto.parent_id && !(await this.programs.findById(dto.parent_id)))
        throw AppException.validation([
          { field: 'parent_id', message: 'no program with this id in the tenant' },
        ]);
      const program = await this.programs.insert({
        parentId: dto.parent_id ?? null,
        name: dto.name.trim(),
        description: dto.description ?? '',
        status: dto.status ?? 'active',
      });
      await this.audit.record({
        entityType: 'program',
        entityId: program.id,
        action: 'created',
        before: null,
        after: publicProgram(program),
      });
      return program;
    });
  }

  async update(id: string, dto: UpdateProgramDto, ifMatch: number | undefined): Promise<Program> {
    return this.uow.run(async () => {
      const program = await this.get(id);
      assertVersionMatches('program', program.version, ifMatch);
      const before = publicProgram(program);
      if (dto.parent_id !== undefined && dto.parent_id !== program.parentId) {
        if (dto.parent_id !== null) {
          const lineage = await this.programs.lineage(dto.parent_id);
          if (!lineage.length)
            throw AppException.validation([
              { field: 'parent_id', message: 'no program with this id in the tenant' },
            ]);
          if (lineage.includes(program.id))
            throw AppException.unprocessable(
              'A program cannot be moved under itself or its own sub-program',
              [
                {
                  field: 'parent_id',
                  message: `would create a cycle: ${[program.id, ...lineage.slice(0, lineage.indexOf(program.id) + 1).reverse()].join(' -> ')}`,
                },
              ],
            );
        }
        program.parentId = dto.parent_id;
      }
      if (dto.name !== undefined) program.name = dto.name.trim();
      if (dto.description !== undefined) program.description = dto.description;
      if (dto.status !== undefined) program.status = dto.status;
      const saved = await this.programs.save(program);
      await this.audit.record({
        entityType: 'program',
        entityId: saved.id,
        action: 'updated',
        before,
        after: publicProgram(saved),
      });
      return saved;
    });
  }

  async remove(id: string): Promise<void> {
    await this.uow.run(async () => {
      const program = await this.get(id);
      if (await this.programs.hasChildrenOrTasks(id))
        throw AppException.conflict('The program still has sub-programs or tasks; move or delete them first');
      await this.programs.deleteById(id);
      await this.audit.record({
        entityType: 'program',
        entityId: id,
        action: 'deleted',
        before: publicProgram(program),
        after: null,
      });
    });
  }

  async members(id: string): Promise<ProgramMemberRow[]> {
    await this.get(id);
    return this.programs.members(id);
  }

  async addMember(id: string, dto: ProgramMemberDto): Promise<ProgramMemberRow[]> {
    return this.uow.run(async () => {
      await this.get(id);
      await this.users.assignRole(dto.user_id, { role: dto.role, context_type: 'program', context_id: id });
      await this.audit.record({
        entityType: 'program',
        entityId: id,
        action: 'member_added',
        before: null,
        after: { user_id: dto.user_id, role: dto.role },
      });
      return this.programs.members(id);
    });
  }

  async removeMember(id: string, dto: ProgramMemberDto): Promise<void> {
    await this.uow.run(async () => {
      await this.get(id);
      await this.users.unassignRole(dto.user_id, { role: dto.role, context_type: 'program', context_id: id });
      await this.audit.record({
        entityType: 'program',
        entityId: id,
        action: 'member_removed',
        before: { user_id: dto.user_id, role: dto.role },
        after: null,
      });
    });
  }
}
