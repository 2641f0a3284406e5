import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';

/** A base64url (unpadded or padded) string that decodes to exactly `bytes` bytes. */
function IsBase64UrlBytes(bytes: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64UrlBytes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `must be ${bytes} bytes encoded as base64url`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          /^[A-Za-z0-9_-]+={0,2}$/.test(value) &&
          Buffer.from(value, 'base64url').length === bytes,
      },
    });
}

/** The push endpoint: an https URL (push services only speak https) without credentials. */
function IsPushEndpoint(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPushEndpoint',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an https URL without credentials', ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return url.protocol === 'https:' && !url.username && !url.password && !url.hash;
          } catch {
            return false;
          }
        },
      },
    });
}

export class PushSubscriptionKeysDto {
  @ApiProperty({ description: "The browser's P-256 public key (65 bytes, base64url)" })
  @IsString()
  @IsBase64UrlBytes(65)
  p256dh: string;

  @ApiProperty({ description: "The browser's authentication secret (16 bytes, base64url)" })
  @IsString()
  @IsBase64UrlBytes(16)
  auth: string;
}

/** What `PushSubscription.toJSON()` gives in the browser. */
export class CreatePushSubscriptionDto {
  @ApiProperty({ format: 'uri', description: 'The push service endpoint (https)' })
  @IsString()
  @MaxLength(2048)
  @IsPushEndpoint()
  endpoint: string;

  @ApiProperty({ type: PushSubscriptionKeysDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PushSubscriptionKeysDto)
  keys: PushSubscriptionKeysDto;

  @ApiPropertyOptional({ type: 'number', nullable: true, description: 'Ignored (browsers send null)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber()
  expirationTime?: number | null;
}

export class DeletePushSubscriptionDto {
  @ApiProperty({ format: 'uri', description: 'The endpoint of the subscription to remove' })
  @IsString()
  @MaxLength(2048)
  endpoint: string;
}

export class VapidPublicKeyDto {
  @ApiProperty({ description: 'applicationServerKey for PushManager.subscribe (base64url P-256 public key)' })
  public_key: string;
}

export class PushSubscriptionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uri' }) endpoint: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class VapidPublicKeyEnvelopeDto {
  @ApiProperty({ type: VapidPublicKeyDto }) data: VapidPublicKeyDto;
}

export class PushSubscriptionEnvelopeDto {
  @ApiProperty({ type: PushSubscriptionResponseDto }) data: PushSubscriptionResponseDto;
}
