import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { TenantProvisioningService } from './tenant-provisioning.service';
import { TenantRepository } from './tenant.repository';

@Module({
  imports: [AccessModule],
  providers: [TenantRepository, TenantProvisioningService],
  exports: [TenantRepository, TenantProvisioningService],
})
export class TenancyModule {}
