import type { RobotReport } from '../ports/robot-link.port';
import { rejects, type OrderInFlight } from './order-reconciler';

/** Unit: which errors in a state turn down the order t1:1, sent at SENT_AT and not yet echoed. */
const ORDER = 't1:1';
const SENT_AT = 1_000;

type StateError = NonNullable<RobotReport['errors']>[number];
const warning = (type: string, references: string[] = [], description = 'station type kitchen not supported'): StateError => ({ type, level: 'WARNING', description, references });
const state = (errors: StateError[], more: Partial<RobotReport> = {}): RobotReport => ({ robotId: 'M:R1', at: SENT_AT + 300, missionId: '', errors, ...more });
const waiting = (earlierErrors: OrderInFlight['earlierErrors'] = []): OrderInFlight => ({ sentAt: SENT_AT, earlierErrors });

describe('rejects', () => {
  it.each<[string, RobotReport, OrderInFlight | undefined, boolean]>([
    ['an orderError naming the orderId', state([warning('orderError', [ORDER])]), undefined, true],
    ['an orderError naming only an action of the order and its parameter (§6.6.4.2, §7.1)', state([warning('orderError', [`${ORDER}/2.0-pick`, 'kitchen'])]), undefined, true],
    ['an orderError naming an action of another order whose id starts alike', state([warning('orderError', ['t1:10/2.0-pick'])]), undefined, false],
    ['an orderError naming an action of an older order', state([warning('orderError', ['t0:1/2.0-pick'])]), waiting(), false],
    ['an orderError naming an instant action of ours (its cancel)', state([warning('orderError', [`cancel-${ORDER}`])]), waiting(), false],
    ['an error that is no order error, naming an action of the order', state([warning('pickFailed', [`${ORDER}/2.0-pick`])]), undefined, false],
    ['a validationError naming nothing, new after the order went out', state([warning('validationError')]), waiting(), true],
    ['a validationError naming nothing, with no order waiting for its echo', state([warning('validationError')]), undefined, false],
    ['a validationError naming nothing, once the order is no longer waiting (given up, settled)', state([warning('validationError')]), { sentAt: undefined, earlierErrors: [] }, false],
    ['a validationError naming nothing, that the robot had before the order went out', state([warning('validationError')]), waiting([{ type: 'validationError', description: 'station type kitchen not supported' }]), false],
    ['a validationError naming nothing, other than the one the robot had before', state([warning('validationError', [], 'malformed node')]), waiting([{ type: 'validationError', description: 'station type kitchen not supported' }]), true],
    ['a validationError naming nothing, in a state heard as the order went out (on its way before it)', state([warning('validationError')], { at: SENT_AT }), waiting(), false],
    ['a validationError naming nothing, while the robot reports the order as its own', state([warning('validationError')], { missionId: ORDER }), waiting(), false],
    ['an orderError naming another order only, new after the order went out', state([warning('orderError', ['t0:1'])]), waiting(), false],
    ['a warning that is no order error, naming nothing', state([warning('batteryLow')]), waiting(), false],
    ['an orderError naming only the node it cannot reach (§6.6.4.2: the wrong fields), new after the order went out', state([warning('orderError', ['N12'])]), waiting(), true],
    ['a validationError naming only a field, new after the order went out', state([warning('validationError', ['nodes[0].nodePosition'])]), waiting(), true],
    ['an orderError naming only a node, with no order waiting for its echo', state([warning('orderError', ['N12'])]), undefined, false],
    ['an orderError naming only a node, that the robot had before the order went out', state([warning('orderError', ['N12'])]), waiting([{ type: 'orderError', description: 'station type kitchen not supported' }]), false],
    ['an orderError naming a node of another order of ours', state([warning('orderError', ['N12', 't0:1'])]), waiting(), false],
    ['a validationError naming a refused instantActions message (topic, headerId), new after the order went out', state([warning('validationError', ['instantActions', '0'])]), waiting(), false],
    ['an orderError naming only one of our instant actions (a factsheetRequest it refused), new after the order went out', state([warning('orderError', ['factsheet-0b4f8a2e-1c1d-4a7e-9f3a-2d5e6b7c8d9e'])]), waiting(), false],
  ])('%s', (_what, report, inFlight, expected) => {
    expect(rejects(report, ORDER, inFlight)).toBe(expected);
  });

  it.each(['validationError', 'orderError', 'orderUpdateError', 'noRouteError'])('%s naming nothing, new after the order went out (§6.6.4; noRouteError a vendor\'s)', (type) => {
    expect(rejects(state([warning(type)]), ORDER, waiting())).toBe(true);
  });
});
