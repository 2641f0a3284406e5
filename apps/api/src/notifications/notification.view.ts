import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Notification } from './notification.entities';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'task.assigned' }) type: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Path in the PWA to open', example: '/?task=…' }) url: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) task_id: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) read_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export function publicNotification(n: Notification): NotificationDto {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    body: n.body,
    url: n.url,
    task_id: n.taskId,
    read_at: n.readAt ? n.readAt.toISOString() : null,
    created_at: n.createdAt.toISOString(),
  };
}
