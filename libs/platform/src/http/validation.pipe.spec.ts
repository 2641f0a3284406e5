import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { describe, expect, it } from 'vitest';
import { nullsNotAllowed } from './validation.pipe';

class Line {
  @ApiProperty()
  label!: string;

  @ApiPropertyOptional({ nullable: true })
  note?: string | null;
}

class Parent {
  @ApiPropertyOptional()
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  due?: string | null;

  @ApiPropertyOptional({ type: () => [Line] })
  lines?: Line[];
}

describe('nullsNotAllowed', () => {
  it('refuses null where the DTO does not say nullable, nested DTOs included', () => {
    expect(nullsNotAllowed(Parent, { title: null, due: null, lines: [{ label: null, note: null }] })).toEqual(
      [
        { field: 'title', message: 'must not be null' },
        { field: 'lines[0].label', message: 'must not be null' },
      ],
    );
  });

  it('leaves unknown fields to the whitelist and non-objects to validation', () => {
    expect(nullsNotAllowed(Parent, { unknown: null })).toEqual([]);
    expect(nullsNotAllowed(Parent, null)).toEqual([]);
    expect(nullsNotAllowed(Parent, [null])).toEqual([]);
  });
});
