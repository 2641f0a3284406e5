import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from './iso-week';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () => 'must be a calendar date (YYYY-MM-DD)',
      },
    },
    options,
  );
}
