import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import { AlertService, Clock, FleetControlService, StaffAuthService } from '@opiekun/application';
import type { Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { EventBus, type OpiekunEvent } from '../events/event-bus';
import { AlertResponse } from '../http/dto/alert.response';
import { FleetStatusResponse } from '../http/dto/fleet-status.response';
import { RobotResponse } from '../http/dto/robot.response';
import { TaskEventResponse, TaskResponse } from '../http/dto/task.response';
import { robotChangedMaterially, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from './live-events';
import { KeyedThrottle } from './robot-throttle';

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Robot updates per robot per second the map gets at most: smooth enough with CSS transitions. */
const ROBOT_UPDATES_PER_SECOND = 4;

/** Pushes stored changes to signed-in dashboards. */
// A tablet that lost Wi-Fi is noticed within pingInterval + pingTimeout (15 s instead of socket.io's 45 s), so it
// shows itself offline and reconnects sooner.
@WebSocketGateway({ serveClient: false, pingInterval: 10_000, pingTimeout: 5_000 })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleInit, OnModuleDestroy {
  @WebSocketServer() server!: LiveServer;
  private readonly logger = new Logger('LiveGateway');
  private readonly robots: KeyedThrottle<RobotResponse>;
  private subscription?: Subscription;
  private readonly unlisten: (() => void)[] = [];

  constructor(
    private readonly bus: EventBus,
    private readonly auth: StaffAuthService,
    private readonly alerts: AlertService,
    private readonly control: FleetControlService,
    private readonly clock: Clock,
  ) {
    this.robots = new KeyedThrottle(1000 / ROBOT_UPDATES_PER_SECOND, clock, (robot) => this.server.emit('robot', robot), robotChangedMaterially);
  }

  afterInit(server: LiveServer): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      this.auth.session(typeof token === 'string' ? token : undefined).then(
        ({ staff, expiresAt }) => {
          socket.data.staff = staff;
          socket.data.expiresAt = expiresAt;
          next();
        },
        () => next(new Error('unauthenticated')),
      );
    });
  }

  /**
   * A connection lasts no longer than the sign-in it was opened with: dashboards run on shared ward computers, and a
   * board left open must not go on showing residents' tasks to whoever sits down after the shift.
   */
  handleConnection(socket: LiveSocket): void {
    const expiry = this.clock.setTimeout(() => this.endSession(socket), socket.data.expiresAt - this.clock.now());
    socket.once('disconnect', () => expiry.cancel());
  }

  /** The dashboard is told why before the line goes dead, so it can send staff to the sign-in page. */
  private endSession(socket: LiveSocket): void {
    socket.emit('session-expired', { message: 'the sign-in has expired; sign in again' });
    socket.disconnect(true);
  }

  onModuleInit(): void {
    this.subscription = this.bus.events$.subscribe((event) => this.forward(event));
    this.unlisten.push(this.alerts.onChange((alert) => this.server?.emit('alert', AlertResponse.from(alert))));
    this.unlisten.push(this.control.onChange((status) => this.server?.emit('fleet', FleetStatusResponse.from(status))));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.unlisten.forEach((stop) => stop());
    this.robots.stop();
  }

  private forward(event: OpiekunEvent): void {
    // With no dashboard connected there is nobody to map and encode every robot state for (200 a second at 200
    // robots): a dashboard fetches the whole picture over REST on each (re)connection (live-connection.ts).
    if (!this.server || this.connectedClients() === 0) return;
    switch (event.type) {
      case 'robot.changed':
        this.robots.push(event.robot.id, RobotResponse.from(event.robot));
        return;
      case 'task.changed':
        this.server.emit('task', { task: TaskResponse.from(event.task), event: TaskEventResponse.from(event.event) });
        return;
      case 'alert':
        // Alerts go out once stored, through AlertService.onChange.
        return;
    }
  }

  connectedClients(): number {
    return this.server?.sockets.sockets.size ?? 0;
  }

  disconnectAll(): void {
    this.logger.warn('disconnecting every live client');
    this.server?.disconnectSockets(true);
  }
}
