import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  IsArray,
  ArrayMaxSize,
  Matches,
} from 'class-validator';

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString()
  @Length(12, 256, { message: 'must be between 12 and 256 characters' })
  password: string;

  @ApiPropertyOptional({ type: [String], example: ['member'], description: 'Tenant-wide role keys' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  roles?: string[];
}

export class InviteUserDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200, { message: 'must be between 1 and 200 characters' })
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['member'], description: 'Tenant-wide role keys' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  roles?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ['active', 'disabled'] })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

export class AssignRoleDto {
  @ApiProperty({ example: 'project_manager' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,63}$/, { message: 'must be a role key' })
  role: string;

  @ApiPropertyOptional({ enum: ['tenant', 'program', 'task'], default: 'tenant' })
  @IsOptional()
  @IsIn(['tenant', 'program', 'task'])
  context_type?: 'tenant' | 'program' | 'task';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'must be a UUID' })
  context_id?: string;
}
