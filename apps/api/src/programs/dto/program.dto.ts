import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PROGRAM_STATUSES } from '../program.entity';
import type { ProgramStatus } from '../program.entity';

export class CreateProgramDto {
  @ApiProperty({ example: 'Website relaunch' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Parent program (sub-programs inherit its grants)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  parent_id?: string;

  @ApiPropertyOptional({ enum: PROGRAM_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PROGRAM_STATUSES)
  status?: ProgramStatus;
}

export class UpdateProgramDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'null makes it a top-level program' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID('all', { message: 'must be a UUID' })
  parent_id?: string | null;

  @ApiPropertyOptional({ enum: PROGRAM_STATUSES })
  @IsOptional()
  @IsIn(PROGRAM_STATUSES)
  status?: ProgramStatus;
}

export class ProgramMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  user_id: string;

  @ApiProperty({
    example: 'project_manager',
    description: 'Role key, granted on this program and its sub-programs',
  })
  @IsString()
  @Matches(/^[a-z0-9_]{1,63}$/, { message: 'must be a role key' })
  role: string;
}
