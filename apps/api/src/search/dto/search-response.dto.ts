import { ApiProperty } from '@nestjs/swagger';

export class SearchHitDto {
  @ApiProperty({ enum: ['task', 'program', 'user', 'invoice'] }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'What the record is called: title, name or invoice number and client' })
  title: string;
  @ApiProperty({ description: 'Where it belongs or its state, e.g. "Website relaunch · in progress"' })
  subtitle: string;
  @ApiProperty({
    description: 'Relevance from 0 to 1 (full-text rank or word similarity); hits are ordered by it',
  })
  rank: number;
  @ApiProperty({ description: 'Where the record is read through the API', example: '/api/v1/tasks/…' })
  href: string;
}

export class SearchMetaDto {
  @ApiProperty({ description: 'The query as searched (trimmed)' }) query: string;
  @ApiProperty({ type: [String], description: 'The kinds of records searched' }) types: string[];
}

export class SearchEnvelopeDto {
  @ApiProperty({ type: [SearchHitDto] }) data: SearchHitDto[];
  @ApiProperty({ type: SearchMetaDto }) meta: SearchMetaDto;
  @ApiProperty({ type: Object }) links: Record<string, never>;
}
