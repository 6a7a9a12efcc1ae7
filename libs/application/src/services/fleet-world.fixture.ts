import { Mutex } from 'async-mutex';
import { DEFAULT_DISPATCH_CONFIG, EarliestFinishPolicy, loadFacility } from '@opiekun/domain';
import { smallFacilityJson } from '../../../domain/src/testing/small-facility.fixture';
import { InMemoryRobotStore, InMemoryTaskStore, ManualClock, RecordingNotifier, RecordingRobotLink } from '../testing';
import { DispatchService } from './dispatch.service';
import { FleetRegistry } from './fleet-registry';
import { FleetService } from './fleet.service';
import { MissionFactory } from './mission-factory';
import { MissionSender } from './mission-sender';
import { decidedMissions, OrderReconciler } from './order-reconciler';
import { OrderStaging, outboxMissions, StagedRobotLink } from './order-staging';
import { InlineDispatchPlanner } from './refusal-aware-planning';
import { FailWithAlert, TaskFailover } from './task-failover';
import { TaskService } from './task.service';

/**
 * The application services wired to fakes of their ports, on a manual clock, on the small building (fleet-flow,
 * fleet-position specs). `placeByPose`: FleetService knows the building, to place a robot that names no node by its pose.
 * `staged`: routes longer than a robot takes in one order go out in stages (the api's StagedRobotLink, `out`); `link`
 * records what went out either way.
 */
export function fleetWorld({ placeByPose = false, staged = false } = {}) {
  const facility = loadFacility(smallFacilityJson());
  const clock = new ManualClock();
  const tasks = new InMemoryTaskStore();
  const link = new RecordingRobotLink();
  const notifier = new RecordingNotifier();
  const registry = new FleetRegistry(new InMemoryRobotStore(), notifier);
  const mutex = new Mutex();
  const errors: Error[] = [];
  const staging = new OrderStaging((id) => registry.get(id)?.orderLimits, clock, outboxMissions(tasks), { resendAfterMs: 2_000, maxSends: 3 });
  const out = staged ? new StagedRobotLink(link, staging) : link;
  const sender = new MissionSender(out, clock, (e) => errors.push(e), { resendAfterMs: 2_000, maxSends: 3 }, (id) => registry.get(id)?.connection === 'ONLINE');
  const onError = (e: Error) => void errors.push(e);
  const trigger = { request: () => dispatch.request() };
  const failover = new TaskFailover(tasks, registry, sender, new FailWithAlert(tasks, clock, notifier), clock, notifier, trigger, { maxAttempts: 2 });
  const factory = new MissionFactory(facility);
  const dispatch: DispatchService = new DispatchService(tasks, registry, out, new InlineDispatchPlanner(new EarliestFinishPolicy(), facility, failover), facility, DEFAULT_DISPATCH_CONFIG, clock, notifier, mutex, sender, onError, factory, failover);
  const reconciler = new OrderReconciler(tasks, registry, out, sender, clock, onError, decidedMissions(tasks, factory));
  const fleet = new FleetService(tasks, registry, out, clock, notifier, dispatch, mutex, sender, { autoRegister: true, factsheetRetryMs: 10_000, ...(placeByPose ? { facility } : {}) }, failover, reconciler, staged ? staging : undefined);
  let n = 0;
  const ids = { next: () => `t${++n}` };
  const service = new TaskService(tasks, registry, facility, clock, ids, notifier, dispatch, mutex, reconciler);
  return { clock, tasks, link, out, staging, notifier, registry, fleet, dispatch, service, errors, sender, failover, reconciler };
}
