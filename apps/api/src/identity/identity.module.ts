import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AuthController } from './auth.controller';
import { CredentialsService } from './credentials.service';
import { LoginThrottle } from './login-throttle';
import { Mailer, QueuedMailer } from './mailer';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SecondFactorService } from './second-factor.service';
import { Totp } from './totp';
import { IdentityLookup, UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AccessModule, TenancyModule],
  controllers: [UsersController, AuthController],
  providers: [
    UserRepository,
    IdentityLookup,
    PasswordHasher,
    LoginThrottle,
    Totp,
    CredentialsService,
    UsersService,
    PasswordResetService,
    SecondFactorService,
    { provide: Mailer, useClass: QueuedMailer },
  ],
  exports: [
    UserRepository,
    IdentityLookup,
    PasswordHasher,
    CredentialsService,
    UsersService,
    PasswordResetService,
    Totp,
    Mailer,
  ],
})
export class IdentityModule {}
