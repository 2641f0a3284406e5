import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, ErrorDetail } from '../errors/app-exception';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The OpenAPI property metadata @nestjs/swagger keeps on a DTO's prototype (`@ApiProperty(...)`). */
const API_MODEL_PROPERTY = 'swagger/apiModelProperties';

interface PropertyMetadata {
  nullable?: boolean;
  type?: unknown;
  isArray?: boolean;
}

type Class = abstract new (...args: never[]) => unknown;

function propertyMetadata(dto: Class, key: string): PropertyMetadata | undefined {
  return Reflect.getMetadata(API_MODEL_PROPERTY, dto.prototype as object, key) as
    PropertyMetadata | undefined;
}

/** A nested DTO class named by `type: () => Nested` or `type: Nested`, if the property has one. */
function nestedDto(meta: PropertyMetadata | undefined): Class | undefined {
  let type = meta?.type;
  if (typeof type === 'function' && !(type as { prototype?: unknown }).prototype)
    type = (type as () => unknown)();
  if (Array.isArray(type)) type = type[0];
  if (typeof type === 'function' && (type as { prototype?: object }).prototype) {
    const candidate = type as Class;
    if ([String, Number, Boolean, Object, Array, Date].includes(candidate as never)) return undefined;
    return candidate;
  }
  return undefined;
}

/**
 * `@IsOptional()` lets `null` through as if the field were absent; the services then meet a null they
 * were never written for (`title.trim()`). A field may be null only where the DTO says so in its OpenAPI
 * metadata (`nullable: true`), which is also what the published schema promises. Nested DTOs are checked
 * the same way.
 */
export function nullsNotAllowed(dto: Class, value: unknown, parent = ''): ErrorDetail[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const details: ErrorDetail[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const meta = propertyMetadata(dto, key);
    if (!meta) continue; // unknown fields are refused by the whitelist
    const field = parent ? `${parent}.${key}` : key;
    if (item === null) {
      if (!meta.nullable) details.push({ field, message: 'must not be null' });
      continue;
    }
    const nested = nestedDto(meta);
    if (!nested) continue;
    if (Array.isArray(item)) {
      item.forEach((element, index) =>
        details.push(...nullsNotAllowed(nested, element, `${field}[${index}]`)),
      );
    } else details.push(...nullsNotAllowed(nested, item, field));
  }
  return details;
}

class BoundaryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && typeof metadata.metatype === 'function') {
      const details = nullsNotAllowed(metadata.metatype as Class, value);
      if (details.length > 0) throw AppException.validation(details);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Whitelisting validation: unknown fields are refused, null only where the DTO allows it, and every
 * problem is reported per field.
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundaryValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => AppException.validation(flatten(errors)),
  });
}
