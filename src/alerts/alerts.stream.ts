// The live stream's connections (STYLE 10: rooms per user, per list, per area). Each connection
// has a cursor (the last alert number it was sent) and a chain of deliveries, so alerts reach it
// in order, once: a replay on reconnect and live alerts that arrive meanwhile meet at the cursor.
import type { UserPrincipal } from '../access/access.service.js';
import type { ClientOrigin } from '../audit/access-log.js';
import type { AlertRow } from './alerts.store.js';

export interface StreamEvent {
  /** Set for alerts (the alert number); absent for updates and notices, which are not replayed. */
  id?: number;
  event: 'alert' | 'update' | 'notice';
  data: unknown;
}

export interface StreamSink {
  send(event: StreamEvent): void;
  close(): void;
}

export interface Connection {
  readonly id: number;
  readonly principal: UserPrincipal;
  readonly origin: ClientOrigin;
  dataSources: ReadonlySet<string>;
  lists: ReadonlySet<string> | null;
  cameras: ReadonlySet<string> | null;
  cursor: number;
  chain: Promise<void>;
  readonly sink: StreamSink;
  closed: boolean;
}

/** Whether a connection subscribed to, and may see, an alert (R20; lists and areas). */
export const wants = (conn: Connection, row: Pick<AlertRow, 'dataSource' | 'listId' | 'cameraId'>): boolean =>
  conn.dataSources.has(row.dataSource) && (conn.lists === null || conn.lists.has(row.listId)) && (conn.cameras === null || conn.cameras.has(row.cameraId));

export class ConnectionSet {
  private readonly connections = new Set<Connection>();
  private nextId = 1;

  add(fields: Omit<Connection, 'id' | 'chain' | 'closed'>): Connection {
    const conn: Connection = { ...fields, id: this.nextId++, chain: Promise.resolve(), closed: false };
    this.connections.add(conn);
    return conn;
  }

  remove(conn: Connection): void {
    conn.closed = true;
    this.connections.delete(conn);
  }

  all(): Connection[] {
    return [...this.connections];
  }

  ofUser(userId: string): Connection[] {
    return this.all().filter((conn) => conn.principal.userId === userId);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Runs `work` after everything queued on this connection; a failure ends the connection, never the chain. */
  enqueue(conn: Connection, work: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    conn.chain = conn.chain.then(async () => {
      if (conn.closed) return;
      try {
        await work();
      } catch (error) {
        onError(error);
      }
    });
    return conn.chain;
  }
}
