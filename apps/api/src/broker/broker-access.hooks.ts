import type { Aedes, AuthenticateError, Client, PublishPacket } from 'aedes';
import type { VehicleId } from '@opiekun/vda5050';
import { BrokerAccessPolicy, type BrokerIdentity } from './broker-access.policy';
import type { BrokerRefusals } from './broker-refusals';

/** CONNACK "not authorized" (MQTT 3.1.1 §3.2.2.3): the client learns it was refused, not why. */
const NOT_AUTHORIZED = 5 as AuthenticateError['returnCode'];
const notAuthorized = (): AuthenticateError => Object.assign(new Error('not authorized'), { returnCode: NOT_AUTHORIZED });

/**
 * Puts `policy` into aedes' hooks. A refused CONNECT gets CONNACK 5; a PUBLISH the policy drops is acknowledged and
 * passed on to nobody, one it refuses closes the client's connection (MQTT 3.1.1 §3.3.5 offers only these two); a
 * refused SUBSCRIBE is granted 128 (failure). A last will is checked at CONNECT, so a will the broker stored is one
 * the client may publish or one it would drop (a vehicle's vendor topic): a will that would be refused refuses the
 * connection. Answers whether a vehicle has a connection now (logged in as itself, not closed): a last will
 * the broker fires for a connection of a vehicle that has another one is an old connection's (see FleetIngress).
 */
export function enforceAccess(broker: Aedes, policy: BrokerAccessPolicy, refusals: BrokerRefusals, log: (line: string) => void = () => undefined): (vehicle: VehicleId) => boolean {
  const identities = new WeakMap<Client, BrokerIdentity>();
  const willTopics = new WeakMap<Client, string>();
  const who = (client: Client) => `${BrokerAccessPolicy.describe(identities.get(client))}${remote(client)}`;
  const dropped = dropAcknowledgedPublishes(broker);

  broker.preConnect = (client, packet, done) => {
    if (packet.will) willTopics.set(client, packet.will.topic);
    done(null, true);
  };
  broker.authenticate = (client, username, password, done) => {
    policy
      .identify(username, password)
      .then((identity) => admit(client, username, identity, done))
      .catch((error: Error) => {
        // the check failed, or what came after it threw: the client is refused and its connection closed, not left
        // waiting without a CONNACK (and nothing rejects unhandled)
        refusals.refuse('connect', client.id, `${username?.slice(0, 100) ?? 'no username'}${remote(client)}: the login could not be checked (${error.message})`);
        identities.delete(client);
        (client.conn as { destroy?: () => void }).destroy?.();
      });
  };
  const admit = (client: Client, username: string | undefined, identity: BrokerIdentity | undefined, done: (error: AuthenticateError | null, success: boolean | null) => void): void => {
    const will = willTopics.get(client);
    if (!identity) {
      refusals.refuse('connect', client.id, `${username === undefined ? 'no username' : `unknown username "${username.slice(0, 100)}" or wrong password`}${remote(client)}`);
      return done(notAuthorized(), false);
    }
    // A will on a vendor topic of the vehicle's own is taken, and dropped if it fires (as its PUBLISH would be).
    if (will !== undefined && policy.publishVerdict(identity, will) === 'refuse') {
      refusals.refuse('connect', client.id, `${BrokerAccessPolicy.describe(identity)}${remote(client)} may not leave a last will on ${will.slice(0, 200)}`);
      return done(notAuthorized(), false);
    }
    identities.set(client, identity);
    done(null, true);
  };
  broker.authorizePublish = (client, packet, done) => {
    // No client: a will aedes keeps for a broker that died (only in a cluster; this broker is alone, its store in memory).
    if (!client) return done(null);
    const identity = identities.get(client);
    const verdict = identity ? policy.publishVerdict(identity, packet.topic) : 'refuse';
    if (verdict === 'forward') return done(null);
    // aedes asks here for a client's last will too, as the connection closes (a vendor topic's will: dropped)
    const isWill = packet === (client as Client & { will?: unknown }).will;
    const what = isWill ? 'leave its last will' : 'publish';
    const kept = isWill ? ' (dropped)' : ' (dropped, connection kept)';
    refusals.refuse('publish', client.id, `${who(client)} may not ${what} on ${packet.topic.slice(0, 200)}${verdict === 'drop' ? kept : ''}`);
    if (verdict === 'drop') {
      dropped.add(packet);
      return done(null);
    }
    done(new Error(`not authorized to publish on ${packet.topic.slice(0, 200)}`));
  };
  broker.authorizeSubscribe = (client, subscription, done) => {
    const identity = identities.get(client);
    if (identity && policy.maySubscribe(identity, subscription.topic)) return done(null, subscription);
    refusals.refuse('subscribe', client.id, `${who(client)} may not subscribe to ${subscription.topic.slice(0, 200)}`);
    done(null, null);
  };
  // the connections the broker has taken and not yet dropped (aedes keeps its own list untyped)
  const live = new Set<Client>();
  broker.on('client', (client) => live.add(client));
  broker.on('clientDisconnect', (client) => live.delete(client));
  // a password changed, given or taken away in MQTT_PASSWORD_FILE holds for connections already open: they are closed,
  // and the vehicle logs in again with what the file says now (a revoked one is refused)
  const stopWatching = policy.onPasswordsChanged((changed) => {
    for (const client of live) {
      const identity = identities.get(client);
      if (!identity || client.closed || !changed.some((c) => sameIdentity(c, identity))) continue;
      log(`MQTT: closed the connection of ${who(client)} (client "${client.id.slice(0, 100)}"): its password in MQTT_PASSWORD_FILE changed`);
      client.close();
    }
  });
  broker.once('closed', stopWatching);
  return (vehicle) =>
    [...live].some((client) => {
      const identity = identities.get(client);
      return !client.closed && identity?.role === 'vehicle' && identity.vehicle.manufacturer === vehicle.manufacturer && identity.vehicle.serialNumber === vehicle.serialNumber;
    });
}

/**
 * aedes cannot accept a client's PUBLISH without passing it on: an error from authorizePublish closes the connection,
 * and there is no third answer (moscajs/aedes#210). Its publish handler acknowledges what authorizePublish let
 * through, then hands that same packet to `broker.publish`, which stores it if retained, queues it for offline
 * sessions and forwards it. So the packets added to the returned set stop there: acknowledged, stored nowhere,
 * forwarded to no one.
 */
function dropAcknowledgedPublishes(broker: Aedes): WeakSet<PublishPacket> {
  const dropped = new WeakSet<PublishPacket>();
  const publish = broker.publish.bind(broker) as (packet: PublishPacket, ...rest: unknown[]) => void;
  Object.assign(broker, {
    publish: (packet: PublishPacket, ...rest: unknown[]) => {
      if (!dropped.delete(packet)) return publish(packet, ...rest);
      // Only aedes' publish handler and a closing client's will hand over such a packet, as publish(packet, client,
      // done); done lets it go on (at QoS 2 it sends PUBREC then).
      const done = rest.find((arg): arg is () => void => typeof arg === 'function');
      done?.();
    },
  });
  return dropped;
}

function sameIdentity(a: BrokerIdentity, b: BrokerIdentity): boolean {
  if (a.role !== 'vehicle' || b.role !== 'vehicle') return a.role === b.role;
  return a.vehicle.manufacturer === b.vehicle.manufacturer && a.vehicle.serialNumber === b.vehicle.serialNumber;
}

function remote(client: Client): string {
  const address = (client.conn as { remoteAddress?: string }).remoteAddress;
  return address ? ` from ${address}` : '';
}
