import { Aedes } from 'aedes';
import type { VehicleId } from '@opiekun/vda5050';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { enforceAccess } from './broker-access.hooks';
import type { BrokerAccessPolicy } from './broker-access.policy';
import type { BrokerTls } from './broker-tls';
import { BrokerRefusals, type RefusalKind } from './broker-refusals';

/**
 * aedes drops a message for a subscriber once a message with a higher broker counter has reached it. A retained
 * message is stored before it is forwarded, so a plain QoS 0 message published right after it overtakes it and the
 * retained one is silently lost: a robot's factsheet or `connection` never arrives (reproduced in
 * embedded-broker.spec.ts: 20 of 20 factsheets lost). The check only guards overlapping subscriptions, and our
 * handlers tolerate duplicates (they change nothing twice), so each client gets a duplicates table that keeps nothing.
 */
const NO_DEDUPLICATION: object = new Proxy(Object.create(null), { get: () => undefined, set: () => true });

export class BrokerPortInUseError extends Error {
  constructor(
    readonly port: number,
    variable: 'MQTT_PORT' | 'MQTT_TLS_PORT' = 'MQTT_PORT',
  ) {
    super(
      variable === 'MQTT_PORT'
        ? `MQTT port ${port} is already in use. Set MQTT_PORT to a free port for the embedded broker, ` +
            `or set MQTT_URL (e.g. mqtt://127.0.0.1:${port}) to use the broker that is already running there.`
        : `MQTT over TLS port ${port} is already in use. Set MQTT_TLS_PORT to a free port for the embedded broker's TLS listener.`,
    );
  }
}

export interface EmbeddedBrokerOptions {
  /** Who may log in and what each may publish and subscribe; `'open'`: anyone, anything (MQTT_ACCESS_CONTROL=false). */
  readonly access: BrokerAccessPolicy | 'open';
  /** Where the first refusal of each client is written; default nowhere (counted only). */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** A second listener, MQTT over TLS (`mqtts://`), beside the plain one; same broker, same rules. */
  readonly tls?: BrokerTls;
}

/**
 * The MQTT broker inside the api process (aedes), used when no external MQTT_URL is configured; `npm run broker` runs
 * it as a process of its own.
 */
export class EmbeddedBroker {
  private server?: Server;
  private tlsServer?: Server;
  private broker?: Aedes;
  private readonly sockets = new Set<Socket>();
  private readonly refusals: BrokerRefusals;
  private connectedVehicle?: (vehicle: VehicleId) => boolean;

  constructor(
    private readonly port: number,
    private readonly host: string,
    private readonly options: EmbeddedBrokerOptions,
  ) {
    this.refusals = new BrokerRefusals(options.log ?? (() => undefined), options.now ?? Date.now);
  }

  get listeningPort(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.port;
  }

  /** The TLS listener's port; undefined without one. */
  get listeningTlsPort(): number | undefined {
    const address = this.tlsServer?.address();
    return typeof address === 'object' && address ? address.port : this.options.tls?.port;
  }

  async start(): Promise<void> {
    const broker = await Aedes.createBroker();
    if (this.options.access !== 'open') this.connectedVehicle = enforceAccess(broker, this.options.access, this.refusals, this.options.log);
    broker.on('client', (client) => Object.assign(client, { duplicates: NO_DEDUPLICATION }));
    const accept = (socket: Socket): void => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      broker.handle(socket);
    };
    const server = createServer(accept);
    const { tls } = this.options;
    // a handshake that fails (a client that does not trust the certificate, plain MQTT on the TLS port) closes that
    // socket only; aedes never sees it
    const tlsServer = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, accept) : undefined;
    // a connection still in its handshake (a port scan, a client speaking plain MQTT that waits) is not aedes' yet:
    // kept here too, so that stop() does not wait for Node's two-minute handshake timeout
    tlsServer?.on('connection', (raw: Socket) => {
      this.sockets.add(raw);
      raw.once('close', () => this.sockets.delete(raw));
    });
    try {
      await listen(server, this.port, this.host, 'MQTT_PORT');
      if (tlsServer && tls) await listen(tlsServer, tls.port, tls.host, 'MQTT_TLS_PORT');
    } catch (error) {
      for (const socket of this.sockets) socket.destroy();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      throw error;
    }
    this.broker = broker;
    this.server = server;
    this.tlsServer = tlsServer;
  }

  /**
   * Whether the vehicle has a connection to this broker now; undefined when the broker does not know who is who (access
   * control off: nobody logs in as a vehicle).
   */
  vehicleConnected(vehicle: VehicleId): boolean | undefined {
    return this.connectedVehicle?.(vehicle);
  }

  /** Logins, publishes and subscriptions refused since start (all 0 when access is open). */
  refusedCounts(): Record<RefusalKind, number> {
    return this.refusals.snapshot();
  }

  async stop(): Promise<void> {
    const { server, tlsServer, broker } = this;
    if (this.options.access !== 'open') this.options.access.close();
    this.server = undefined;
    this.tlsServer = undefined;
    this.broker = undefined;
    if (!server || !broker) return;
    const closed = Promise.all([server, tlsServer].map((s) => s && new Promise<void>((resolve) => s.close(() => resolve()))));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  }
}

function listen(server: Server, port: number, host: string, variable: 'MQTT_PORT' | 'MQTT_TLS_PORT'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new BrokerPortInUseError(port, variable) : error));
    server.listen(port, host, () => resolve());
  });
}
