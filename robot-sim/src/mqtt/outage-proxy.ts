import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A local TCP relay between one simulated vehicle and the broker, so fault injection can cut the link the way a
 * network does: sockets die without an MQTT DISCONNECT, the broker publishes the vehicle's last will
 * (CONNECTIONBROKEN), and mqtt.js's reconnects fail until the outage ends. Only for plain `mqtt://` brokers.
 */
export class OutageProxy {
  private readonly sockets = new Set<Socket>();
  private down = false;

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.relay(client));
  }

  static canRelay(brokerUrl: string): boolean {
    return ['mqtt:', 'tcp:'].includes(new URL(brokerUrl).protocol);
  }

  static async open(brokerUrl: string): Promise<OutageProxy> {
    const url = new URL(brokerUrl);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new OutageProxy(server, { host: url.hostname, port: Number(url.port || 1883) });
  }

  /** The URL the vehicle connects to instead of the broker's. */
  get url(): string {
    return `mqtt://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get isDown(): boolean {
    return this.down;
  }

  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    if (this.down) return void client.destroy();
    const upstream = createConnection(this.target);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      // Either side failing ends both, as a broken network would; errors are expected here, not bugs.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        (socket === client ? upstream : client).destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
