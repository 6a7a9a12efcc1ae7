import { ValidateIf } from 'class-validator';

/**
 * The member may be left out; use it instead of class-validator's IsOptional, which skips null as well. Skipped, a
 * null reached the code as a value nobody checked (`"note": null` → a TypeError on trim, a 500) or was reported as
 * another field's problem. Here only a missing member skips the member's rules, so null meets them and is refused
 * naming the field ("note must be a string"). No request field gives null a meaning (no PATCH clears a value); one
 * that ever does says so with its own ValidateIf.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
