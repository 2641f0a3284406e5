import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@oversing/platform';
import { CertificationPermission as P } from '../access/role-permissions';
import { PolicyDto } from '../certifications/certification.dto';
import { PoliciesService } from './policies.service';
import type { PolicyRules, PolicyThresholds } from './policy-engine';

@ApiTags('policies')
@Controller('api/v1/policies')
export class PoliciesController {
  constructor(private readonly service: PoliciesService) {}

  @Get()
  @Authenticated({ permission: P.Read })
  @ApiOperation({ summary: 'Latest version of every governance policy' })
  list(): ReturnType<PoliciesService['list']> {
    return this.service.list();
  }

  @Post()
  @Authenticated({ permission: P.Review })
  @ApiOperation({ summary: 'Create a policy, or the next immutable version of an existing key' })
  save(@Body() dto: PolicyDto): ReturnType<PoliciesService['save']> {
    return this.service.save({
      key: dto.key,
      name: dto.name,
      rules: dto.rules as PolicyRules,
      thresholds: dto.thresholds as PolicyThresholds | undefined,
      validity_days: dto.validity_days ?? null,
    });
  }

  @Get(':key/versions')
  @Authenticated({ permission: P.Read })
  @ApiOperation({ summary: 'Every version of a policy, newest first' })
  versions(@Param('key') key: string): ReturnType<PoliciesService['versions']> {
    return this.service.versions(key);
  }
}
