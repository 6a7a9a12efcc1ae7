import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCareSeed, UuidGenerator } from '@opiekun/application';
import { loadFacility } from '@opiekun/domain';
import { CareFileError, readCareFile } from './care-file';

const ASSETS = join(__dirname, '../../../../assets');
const DEMO = join(ASSETS, 'care/mco-demo-care.json');
const facility = loadFacility(JSON.parse(readFileSync(join(ASSETS, 'facilities/mco-demo.json'), 'utf8')));
const NOW = Date.parse('2026-01-05T09:00:00Z');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the tests break files on purpose
const demo = (): Json => JSON.parse(readFileSync(DEMO, 'utf8')) as Json;
/** The first plan of one resident in the demo file. */
const residentPlan = (care: Json): number => care.carePlans.findIndex((p: Json) => p.resident !== undefined);

describe('readCareFile (CARE_FILE): the whole file is checked before a database gets it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opiekun-care-file-'));
  const file = (name: string, data: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
    return path;
  };
  const problemsOf = (path: string): string[] => {
    try {
      readCareFile(path, { facility, ids: new UuidGenerator(), now: NOW });
    } catch (error) {
      expect(error).toBeInstanceOf(CareFileError);
      return (error as Error).message.split('\n');
    }
    throw new Error(`${path} was accepted`);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the demo file whole: 2 wards, 40 residents in them, 68 plans, the default shift changes', () => {
    const { seed, shiftChanges } = readCareFile(DEMO, { facility, ids: new UuidGenerator(), now: NOW });
    const care = checkCareSeed(seed, facility, new UuidGenerator(), NOW);
    expect([care.wards.length, care.residents.length, care.plans.length]).toEqual([2, 40, 68]);
    expect(new Set(care.residents.map((r) => r.wardId))).toEqual(new Set(['F1', 'F2']));
    expect(care.plans.every((p) => (p.residentId === undefined) !== (p.wardId === undefined) && p.createdAt === NOW)).toBe(true);
    expect(care.staffWards).toEqual({ opiekunka: ['F1'], pielegniarka: ['F1', 'F2'] });
    expect(shiftChanges).toEqual([7, 15, 23]);
    const twelve = readCareFile(file('twelve.json', { ...demo(), shiftChanges: ['07:00', '19:00'] }), { facility, ids: new UuidGenerator(), now: NOW });
    expect(twelve.seed.carePlans).toHaveLength(68);
    expect(twelve.shiftChanges).toEqual([7, 19]);
  });

  it('the demo file does not run out: no plan ends (endsOn, UNTIL, COUNT), and a fresh database takes it years on', () => {
    expect(demo().carePlans.filter((p: Json) => p.endsOn !== undefined || /UNTIL|COUNT/i.test(p.rrule))).toEqual([]);
    const later = Date.parse('2036-06-15T09:00:00Z');
    expect(checkCareSeed(readCareFile(DEMO).seed, facility, new UuidGenerator(), later).plans).toHaveLength(68);
  });

  it('without the entries to check (a database that has its wards already), only what every start takes from the file', () => {
    const care = demo();
    care.carePlans[0] = { ...care.carePlans[0], startsOn: '2025-01-01', endsOn: '2025-01-31' };
    care.staffWards.nikt = ['NOWARD'];
    const path = file('not-used.json', care);
    expect(readCareFile(path).seed.carePlans[0].endsOn).toBe('2025-01-31');
    expect(problemsOf(path)).toEqual([`CARE_FILE=${path}: staffWards.nikt[0]: unknown ward "NOWARD"`, expect.stringMatching(/^CARE_FILE=.*: carePlans\[0\]\.rrule: no occurrence from 2026-01-05 /)]);
    care.shiftChanges = ['07:00', '07:00'];
    care.carePlans[1].activty = care.carePlans[1].activity;
    expect(() => readCareFile(file('shape.json', care))).toThrow(`CARE_FILE=${join(dir, 'shape.json')}: carePlans[1].activty is not a field of a care file`);
    delete care.carePlans[1].activty;
    expect(() => readCareFile(file('shifts.json', care))).toThrow(`CARE_FILE=${join(dir, 'shifts.json')}: shiftChanges: times must be distinct and in ascending order`);
  });

  const cases: [string, (care: Json) => unknown, string][] = [
    ['a null serviceS', (c) => (c.carePlans[0].activity.serviceS = null), 'carePlans[0].activity.serviceS must be a number'],
    ['a plan without its activity', (c) => delete c.carePlans[0].activity, 'carePlans[0].activity is missing'],
    ['a null displayName', (c) => (c.residents[0].displayName = null), 'residents[0].displayName must be a string'],
    ['a bed twice', (c) => (c.residents[1] = { ...c.residents[0], displayName: 'Ktoś Inny' }), 'residents[1]: bed 1 of room 101 is taken'],
    ['shift changes twice at 07:00', (c) => (c.shiftChanges = ['07:00', '07:00', '15:00']), 'shiftChanges: times must be distinct and in ascending order'],
    ['a ward id twice', (c) => (c.wards[1].id = 'F1'), 'wards[1].id: ward "F1" is listed already (wards[0])'],
    ['an unknown field', (c) => (c.carePlans[0].activity.servceS = 20), 'carePlans[0].activity.servceS is not a field of a care file'],
    ['an unknown top-level field', (c) => (c.ward = []), 'ward is not a field of a care file'],
    ['staff on a ward that is not there', (c) => c.staffWards.pielegniarka.push('NOWARD'), 'staffWards.pielegniarka[2]: unknown ward "NOWARD"'],
    ['a ward room the facility lacks', (c) => c.wards[0].rooms.push('999'), 'wards[0].rooms: unknown room "999"'],
    ['a room in two wards', (c) => c.wards[1].rooms.push('101'), 'wards[1].rooms: room "101" already belongs to ward "F1"'],
    ['a station that is no node', (c) => (c.wards[0].stationNode = 'F9-nurse'), 'wards[0].stationNode: unknown node "F9-nurse"'],
    ['a resident in a room the facility lacks', (c) => (c.residents[0].roomId = '001'), 'residents[0].roomId: unknown room "001"'],
    ['a resident in a room of no ward', (c) => (c.wards[0].rooms = c.wards[0].rooms.slice(1)), 'residents[0].roomId: room "101" belongs to no ward'],
    ['an unknown care level', (c) => (c.residents[0].careLevel = 'heavy'), 'residents[0].careLevel must be one of independent, assisted, dependent, full-care'],
    ['a plan for an empty bed', (c) => (c.carePlans[residentPlan(c)].resident = { room: '116', bed: 2 }), `carePlans[${residentPlan(demo())}].resident: no resident of this file in room 116 bed 2`],
    ['a plan of an unknown ward', (c) => (c.carePlans[0].ward = 'NOWARD'), 'carePlans[0].ward: unknown ward "NOWARD"'],
    ['a plan of a ward and a resident', (c) => (c.carePlans[0].resident = { room: '101', bed: 1 }), "carePlans[0].ward: give either ward (a ward's plan) or resident {room, bed} (a resident's plan)"],
    ['a plan every minute', (c) => (c.carePlans[0].rrule = 'FREQ=MINUTELY'), 'carePlans[0].rrule: FREQ must be YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY'],
    ['a plan at hour 25', (c) => (c.carePlans[0].rrule = 'FREQ=DAILY;BYHOUR=25'), 'carePlans[0].rrule: BYHOUR must be 0–23, got 25'],
    ['a plan to an unknown node', (c) => (c.carePlans[0].activity.from = 'F0-moon'), 'carePlans[0].activity.from: unknown node "F0-moon"'],
    ['a visit with no action', (c) => (c.carePlans[0].activity = { type: 'round', priority: 'routine', atNode: '@station' }), 'carePlans[0].activity.action: is required'],
    ['a date that is not one', (c) => (c.startsOn = '2026-02-30'), 'startsOn must match format "date"'],
    ['a fractional bed', (c) => (c.residents[0].bed = 1.5), 'residents[0].bed must be an integer'],
    ['the wrong facility', (c) => (c.facility = 'other'), 'facility: "other" is not the loaded facility "mco-demo"'],
  ];
  it.each(cases)('refuses %s, naming CARE_FILE and the entry', (name, breakIt, problem) => {
    const care = demo();
    breakIt(care);
    const path = file(`${name.replace(/\W+/g, '-')}.json`, care);
    expect(problemsOf(path)).toContain(`CARE_FILE=${path}: ${problem}`);
  });

  it('lists every problem at once, each on its own line', () => {
    const care = demo();
    care.carePlans[0].activity.serviceS = -1;
    care.carePlans[1].title = '';
    care.residents[2].flags = ['sleepy'];
    const path = file('many.json', care);
    expect(problemsOf(path)).toEqual([
      `CARE_FILE=${path}: residents[2].flags[0] must be one of bed-bound, fall-risk, dementia-unit, wheelchair, isolation`,
      `CARE_FILE=${path}: carePlans[0].activity.serviceS must be >= 0`,
      `CARE_FILE=${path}: carePlans[1].title must NOT have fewer than 1 characters`,
    ]);
    const twice = demo();
    twice.staffWards.nikt = ['NOWARD'];
    twice.carePlans[3].ward = 'F3';
    const second = file('twice.json', twice);
    expect(problemsOf(second)).toEqual([`CARE_FILE=${second}: staffWards.nikt[0]: unknown ward "NOWARD"`, `CARE_FILE=${second}: carePlans[3].ward: unknown ward "F3"`]);
  });

  it('names the file when it cannot be read or is not JSON', () => {
    const missing = join(dir, 'nowhere.json');
    expect(problemsOf(missing)).toEqual([expect.stringMatching(new RegExp(`^CARE_FILE=${missing}: ENOENT`))]);
    const garbage = file('garbage.json', '{"wards": [');
    expect(problemsOf(garbage)).toEqual([expect.stringMatching(new RegExp(`^CARE_FILE=${garbage}: .*JSON`))]);
    expect(problemsOf(file('list.json', []))).toEqual([`CARE_FILE=${join(dir, 'list.json')}: the file must be an object`]);
  });
});
