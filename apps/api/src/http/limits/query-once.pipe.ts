import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

/**
 * The api's validation pipe, with one more check for queries: a parameter that takes one value but came more than once
 * (`?limit=5&limit=6`, which Express reads as a list) is refused naming it, instead of with a misleading "must be an
 * integer" for a list. Parameters declared as lists (validated `each`) may repeat, as their documentation says.
 */
export class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && typeof metadata.metatype === 'function' && value !== null && typeof value === 'object') {
      const lists = listParameters(metadata.metatype);
      // (a query read as a plain object — FHIR search — is not ours to check: no validated class)
      const repeated = lists ? Object.entries(value as Record<string, unknown>).filter(([key, v]) => Array.isArray(v) && !lists.has(key)) : [];
      if (repeated.length > 0) {
        throw new BadRequestException(repeated.map(([key, v]) => `${key} takes one value; it was given ${(v as unknown[]).length} times`));
      }
    }
    return super.transform(value, metadata);
  }
}

const LISTS = new WeakMap<object, ReadonlySet<string> | null>();

/**
 * The properties of a query class validated value by value (`each`): lists, which may be repeated; null for a type
 * with no validation (a plain object).
 */
function listParameters(type: object): ReadonlySet<string> | null {
  let lists = LISTS.get(type);
  if (lists === undefined) {
    const metadatas = getMetadataStorage().getTargetValidationMetadatas(type as new () => unknown, '', true, false);
    lists = metadatas.length === 0 ? null : new Set(metadatas.filter((m) => m.each === true).map((m) => m.propertyName));
    LISTS.set(type, lists);
  }
  return lists;
}
