import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthController } from './auth.controller';
import { CredentialsService } from './credentials.service';
import { LoginThrottle } from './login-throttle';
import { LogMailer, Mailer } from './mailer';
import { PasswordHasher } from './password-hasher';
import { PasswordResetService } from './password-reset.service';
import { SecondFactorService } from './second-factor.service';
import { Totp } from './totp';
import { IdentityLookup, UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AccessModule],
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
    { provide: Mailer, useClass: LogMailer },
  ],
  exports: [UserRepository, IdentityLookup, PasswordHasher, CredentialsService, UsersService, Totp, Mailer],
})
export class IdentityModule {}
