import { useEffect, useState } from 'react';
import type { Ward } from '../api/contract';
import type { OpiekunApi } from '../api/opiekun-api';
import { useApp } from '../app/app-context';
import type { WardScope } from './staff-queue-model';

/** What the ward picker offers: the member's own wards, every ward, or one ward (`ward:ID`). */
export type WardChoice = 'mine' | 'all' | `ward:${string}`;

export interface WardScopeState {
  /** The facility's wards (empty until loaded, or when it has none). */
  readonly wards: readonly Ward[];
  /** The signed-in member's wards (empty: none assigned, or not known). */
  readonly mine: readonly string[];
  /** The choice in force: a stored one that no longer applies (a ward gone, no own wards) falls back. */
  readonly choice: WardChoice;
  readonly scope: WardScope;
  choose(choice: WardChoice): void;
}

const keyOf = (userId: string) => `opiekun.staffQueue.wards.${userId}`;

/**
 * Which wards' work the staff queue shows. By default the signed-in member's own wards (as the api's staff queue
 * does), every ward for a member with none; a choice is remembered per member on this device (a nurse-station tablet
 * is shared). Until the wards are loaded, or when they cannot be, every ward's work shows: nothing is hidden by a
 * failed request.
 */
export function useWardScope(): WardScopeState {
  const { api, session } = useApp();
  const userId = session.user.id;
  const [wards, setWards] = useState<readonly Ward[]>([]);
  const [mine, setMine] = useState<readonly string[]>([]);
  const [stored, setStored] = useState<string | undefined>(() => readChoice(userId));

  useEffect(() => {
    let live = true;
    // (an empty answer keeps the empty state as it is: no render for nothing)
    api.wards().then(
      (list) => live && setWards((current) => (list.length === 0 && current.length === 0 ? current : list)),
      () => undefined,
    );
    api.staff().then(
      (members) => {
        const own = members.find((m) => m.id === userId)?.wardIds ?? [];
        if (live) setMine((current) => (own.length === 0 && current.length === 0 ? current : own));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, userId]);

  const known = new Set(wards.map((w) => w.id));
  const own = mine.filter((id) => known.has(id));
  const fallback: WardChoice = own.length > 0 ? 'mine' : 'all';
  let choice: WardChoice = fallback;
  if (stored === 'all') choice = 'all';
  else if (stored?.startsWith('ward:') && known.has(stored.slice(5))) choice = stored as WardChoice;
  const scope: WardScope = choice === 'all' ? 'all' : choice === 'mine' ? own : [choice.slice(5)];
  return {
    wards,
    mine: own,
    choice,
    scope: wards.length === 0 ? 'all' : scope,
    choose: (next) => {
      setStored(next);
      writeChoice(userId, next);
    },
  };
}

function readChoice(userId: string): string | undefined {
  try {
    return localStorage.getItem(keyOf(userId)) ?? undefined;
  } catch {
    return undefined;
  }
}

function writeChoice(userId: string, choice: WardChoice): void {
  try {
    localStorage.setItem(keyOf(userId), choice);
  } catch {
    // Private mode: the choice lasts as long as the page.
  }
}

/**
 * Residents' names by id, loaded once (a queue item or a medication prompt names who it is for: a room often has two
 * residents). Empty until loaded, or when they cannot be: items then show the room alone.
 */
export function useResidentNames(): ReadonlyMap<string, string> {
  return useNamesOnce(residentsOf);
}

/**
 * Staff members' names by account id and by username, loaded once (a task's history names who raised or cancelled it,
 * and the api records either as the actor); empty until then.
 */
export function useStaffNames(): ReadonlyMap<string, string> {
  return useNamesOnce(staffOf);
}

type NameEntry = readonly [key: string, name: string];

const residentsOf = (api: OpiekunApi) => api.residents().then((list) => list.map((r): NameEntry => [r.id, r.displayName]));
// account ids last, so an id wins should it ever equal someone's username
const staffOf = (api: OpiekunApi) =>
  api.staff().then((list) => [...list.map((m): NameEntry => [m.username, m.displayName]), ...list.map((m): NameEntry => [m.id, m.displayName])]);

/** Display names by key from one list request, made once per api; a failed request leaves the map empty. */
function useNamesOnce(load: (api: OpiekunApi) => Promise<readonly NameEntry[]>): ReadonlyMap<string, string> {
  const { api } = useApp();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    load(api).then(
      (entries) => {
        if (live && entries.length > 0) setNames(new Map(entries));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, load]);
  return names;
}
