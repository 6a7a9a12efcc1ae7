import type { ValueTransformer } from 'typeorm';

/**
 * Epoch-millisecond times outgrow a 32-bit `integer`, so they are `bigint` columns. SQLite hands them back as numbers,
 * the PostgreSQL driver as strings; this keeps the entity property a `number` on both.
 */
export const bigintNumberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
