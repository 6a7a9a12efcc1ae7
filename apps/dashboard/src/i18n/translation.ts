import type { pl } from './pl';

/** The shape every language fills in: the Polish resource's keys, with any strings as values. */
type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Translation = Widen<typeof pl>;
