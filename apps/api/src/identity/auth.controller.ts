import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Authenticated, Public, RequestContext } from '@oversing/platform';
import { PasswordResetService } from './password-reset.service';
import { SecondFactorService } from './second-factor.service';

export class ForgotPasswordDto {
  @ApiProperty() @IsEmail({}, { message: 'must be a valid email address' }) @MaxLength(320) email: string;
}

export class ResetPasswordDto {
  @ApiProperty() @IsString() @Length(20, 200) token: string;
  @ApiProperty({ minLength: 12 })
  @IsString()
  @Length(12, 256, { message: 'must be between 12 and 256 characters' })
  password: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' }) @Matches(/^\d{6}$/, { message: 'must be 6 digits' }) code: string;
}

/** Account security: password reset and the optional TOTP second factor. Sign-in itself is OAuth (/oauth). */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  @Public()
  @Post('password/forgot')
  @HttpCode(202)
  @RouteConfig({ rateLimit: { max: 5, timeWindow: '1 minute' } })
  @ApiAcceptedResponse({ description: 'Always accepted, whether or not the account exists' })
  async forgot(@Body() dto: ForgotPasswordDto): Promise<{ status: string }> {
    await this.resets.request(dto.email);
    return { status: 'If the account exists, a reset link has been sent.' };
  }

  @Public()
  @Post('password/reset')
  @HttpCode(204)
  @RouteConfig({ rateLimit: { max: 10, timeWindow: '1 minute' } })
  async reset(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.resets.reset(dto.token, dto.password);
  }

  @Authenticated()
  @Post('totp/setup')
  setupTotp(): ReturnType<SecondFactorService['setup']> {
    return this.secondFactor.setup(RequestContext.principal()!);
  }

  @Authenticated()
  @Post('totp/enable')
  @HttpCode(204)
  enableTotp(@Body() dto: TotpCodeDto): Promise<void> {
    return this.secondFactor.enable(RequestContext.principal()!, dto.code);
  }

  @Authenticated()
  @Post('totp/disable')
  @HttpCode(204)
  disableTotp(@Body() dto: TotpCodeDto): Promise<void> {
    return this.secondFactor.disable(RequestContext.principal()!, dto.code);
  }
}
