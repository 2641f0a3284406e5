import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** What pusher-js and laravel-echo post to the auth endpoint (form-encoded or JSON). */
export class ChannelAuthDto {
  @ApiProperty({ example: '1234.5678' })
  @IsString()
  @Matches(/^\d{1,12}\.\d{1,12}$/, { message: 'must look like 1234.5678' })
  socket_id: string;

  @ApiProperty({ example: 'private-task.6f1c…' })
  @IsString()
  @Matches(/^[A-Za-z0-9_\-=@,.;]{1,164}$/, { message: 'is not a valid channel name' })
  channel_name: string;
}

export class SocketTokenAuthDto extends ChannelAuthDto {
  @ApiProperty({ description: 'A token from POST /api/v1/broadcasting/socket-token (valid 60 s)' })
  @IsString()
  @Matches(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'is not a socket token' })
  socket_token: string;
}
