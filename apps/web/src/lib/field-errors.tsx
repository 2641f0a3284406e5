import type { ReactNode } from 'react';
import type { FieldErrors, FieldValues, Path } from 'react-hook-form';

/**
 * Accessible per-field errors for react-hook-form forms: `message(name)` renders the error under the
 * input, `describedBy(name)` links it to the input (aria-invalid + aria-describedby). `id` is the form's
 * useId(), which also prefixes the inputs' ids.
 */
export function fieldErrors<T extends FieldValues>(id: string, errors: FieldErrors<T>) {
  const errorId = (name: Path<T>): string => `${id}-${name}-error`;
  const errorOf = (name: Path<T>) => errors[name as keyof FieldErrors<T>];
  return {
    message: (name: Path<T>): ReactNode =>
      errorOf(name) && (
        <p id={errorId(name)} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {String(errorOf(name)?.message ?? '')}
        </p>
      ),
    describedBy: (name: Path<T>) => ({
      'aria-invalid': errorOf(name) ? true : undefined,
      'aria-describedby': errorOf(name) ? errorId(name) : undefined,
    }),
  };
}
