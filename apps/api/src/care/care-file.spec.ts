import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readShiftChanges } from './care-file';

describe('readShiftChanges (care file shiftChanges)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opiekun-care-file-'));
  const file = (name: string, data: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(data));
    return path;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shift changes, and falls back to 07:00, 15:00, 23:00 without a file or the field', () => {
    expect(readShiftChanges(file('twelve.json', { shiftChanges: ['07:00', '19:00'] }))).toEqual([7, 19]);
    expect(readShiftChanges(file('none.json', { wards: [] }))).toEqual([7, 15, 23]);
    expect(readShiftChanges('')).toEqual([7, 15, 23]);
    expect(readShiftChanges(join(__dirname, '../../../../assets/care/mco-demo-care.json'))).toEqual([7, 15, 23]);
  });

  it('stops the start with the file and the bad entry named', () => {
    const bad = file('bad.json', { shiftChanges: ['07:00', '3pm'] });
    expect(() => readShiftChanges(bad)).toThrow(`care file ${bad}: shiftChanges: entry 1 ("3pm") is not a local time "HH:mm"`);
  });
});
