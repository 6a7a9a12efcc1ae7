import { preliminaryMeasurement, reviewMeasurement, MEASUREMENT_TEXT_MAX } from './measurement';

describe('robot measurements (preliminary until a nurse confirms)', () => {
  const reported = preliminaryMeasurement({ id: 'm1', taskId: 't1', actionId: 'a7', robotId: 'r1', residentId: 'res1', wardId: 'F1', actionType: 'measureVitals', result: 'BP 130/85; HR 72', at: 10 });
  const nurse = { staffId: 'ewa', role: 'nurse' };

  it('keeps the robot report verbatim, as preliminary, one per task action', () => {
    expect(reported).toStrictEqual({ id: 'm1', taskId: 't1', actionId: 'a7', robotId: 'r1', residentId: 'res1', wardId: 'F1', actionType: 'measureVitals', text: 'BP 130/85; HR 72', at: 10, status: 'preliminary' });
    const long = preliminaryMeasurement({ id: 'm2', taskId: 't1', actionId: 'a8', robotId: 'r1', actionType: 'measureVitals', result: 'x'.repeat(900), at: 10 });
    expect(long.text).toHaveLength(MEASUREMENT_TEXT_MAX);
    expect(long.text.endsWith('…')).toBe(true);
  });

  it('becomes final when a nurse confirms it, entered-in-error when she rejects it, and is reviewed once', () => {
    expect(reviewMeasurement(reported, 'confirm', nurse, 20)).toMatchObject({ status: 'final', reviewedBy: 'ewa', reviewedAt: 20, text: 'BP 130/85; HR 72' });
    const rejected = reviewMeasurement(reported, 'reject', nurse, 20, ' cuff slipped ');
    expect(rejected).toMatchObject({ status: 'entered-in-error', reviewNote: 'cuff slipped' });
    expect(() => reviewMeasurement(rejected, 'confirm', nurse, 30)).toThrow(/entered-in-error already/);
  });

  it('is reviewed by a nurse only', () => {
    for (const role of ['carer', 'manager']) {
      expect(() => reviewMeasurement(reported, 'confirm', { staffId: 'x', role }, 20)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });
});
