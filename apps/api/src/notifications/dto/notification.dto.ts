import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NotificationDto } from '../notification.view';

export class NotificationListMetaDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: "The user's unread notifications in all" }) unread_count: number;
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
  @ApiProperty() has_more: boolean;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] }) data: NotificationDto[];
  @ApiProperty({ type: NotificationListMetaDto }) meta: NotificationListMetaDto;
}

export class NotificationEnvelopeDto {
  @ApiProperty({ type: NotificationDto }) data: NotificationDto;
}

export class MarkAllReadDto {
  @ApiProperty() marked: number;
}

export class MarkAllReadEnvelopeDto {
  @ApiProperty({ type: MarkAllReadDto }) data: MarkAllReadDto;
}

export class NotificationPreferenceDto {
  @ApiProperty({ example: 'task.assigned' }) type: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'The notification centre and the live event: always on' }) in_app: boolean;
  @ApiProperty() push: boolean;
  @ApiProperty() email: boolean;
}

export class NotificationPreferencesEnvelopeDto {
  @ApiProperty({ type: [NotificationPreferenceDto] }) data: NotificationPreferenceDto[];
}

export class PreferenceChangeDto {
  @ApiProperty({ example: 'task.assigned' }) @IsString() @MaxLength(60) type: string;
  @ApiProperty() @IsBoolean({ message: 'must be true or false' }) push: boolean;
  @ApiProperty() @IsBoolean({ message: 'must be true or false' }) email: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [PreferenceChangeDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PreferenceChangeDto)
  preferences: PreferenceChangeDto[];
}
