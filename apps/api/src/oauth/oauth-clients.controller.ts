import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
} from 'class-validator';
import { AppException, Authenticated, RequestContext } from '@oversing/platform';
import { Permission } from '../access/permissions';
import { OAuthClientRepository, RESOURCE_SCOPES } from './oauth-client.repository';

export class CreateOAuthClientDto {
  @ApiProperty({ example: 'ERP integration' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    example: ['client_credentials'],
    enum: ['client_credentials', 'authorization_code', 'refresh_token'],
    isArray: true,
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(['client_credentials', 'authorization_code', 'refresh_token'], { each: true })
  grant_types: string[];

  @ApiProperty({ example: ['tasks:read'], enum: RESOURCE_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RESOURCE_SCOPES.length)
  @IsIn(RESOURCE_SCOPES, { each: true })
  scopes: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  redirect_uris?: string[];
}

/** Integrator OAuth clients of the tenant. The secret is shown once, at creation. */
@ApiTags('oauth-clients')
@Controller('api/v1/oauth-clients')
export class OAuthClientsController {
  constructor(private readonly clients: OAuthClientRepository) {}

  @Get()
  @Authenticated({ permission: Permission.ClientsManage })
  async list(): Promise<Record<string, unknown>[]> {
    const clients = await this.clients.listForTenant(RequestContext.tenantId());
    return clients.map((c) => ({
      client_id: c.id,
      name: c.name,
      grant_types: c.metadata.grant_types,
      scopes: String(c.metadata.scope ?? '')
        .split(' ')
        .filter((s) => RESOURCE_SCOPES.includes(s)),
      created_at: c.createdAt.toISOString(),
    }));
  }

  @Post()
  @Authenticated({ permission: Permission.ClientsManage })
  create(@Body() dto: CreateOAuthClientDto): Promise<{ client_id: string; client_secret: string }> {
    return this.clients.createIntegrator({
      tenantId: RequestContext.tenantId(),
      name: dto.name,
      grantTypes: dto.grant_types,
      scopes: dto.scopes,
      redirectUris: dto.redirect_uris,
    });
  }

  @Delete(':clientId')
  @HttpCode(204)
  @Authenticated({ permission: Permission.ClientsManage })
  async remove(@Param('clientId') clientId: string): Promise<void> {
    if (!(await this.clients.deleteForTenant(RequestContext.tenantId(), clientId)))
      throw AppException.notFound('OAuth client');
  }
}
