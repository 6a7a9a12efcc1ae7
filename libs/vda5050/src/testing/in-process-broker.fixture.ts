// An aedes broker on an ephemeral loopback port, for tests of the MQTT clients. Test-only.
import { Aedes, type AedesOptions, type Client } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';

export interface InProcessBroker {
  url: string;
  broker: Aedes;
  /** Cuts the TCP connection of a client from the broker side, as a crashed vehicle or pulled cable would. */
  dropClient(clientId: string): void;
  stop(): Promise<void>;
}

export async function startBroker(options?: AedesOptions): Promise<InProcessBroker> {
  const broker = await Aedes.createBroker(options);
  const sockets = new Set<Socket>();
  const clients = new Map<string, Client>();
  broker.on('client', (client) => clients.set(client.id, client));
  broker.on('clientDisconnect', (client) => clients.delete(client.id));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    broker,
    dropClient(clientId) {
      const client = clients.get(clientId);
      if (!client) throw new Error(`no client ${clientId} on the broker`);
      client.conn.destroy();
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
