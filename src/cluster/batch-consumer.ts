// Drains a durable pull consumer in groups, the way ReadWriter groups requests: messages that
// arrive while a group is being handled form the next group. A group is acknowledged only after
// its handler resolved (for the writer: after the commit), so a process killed mid-group leaves its
// messages unacknowledged and JetStream hands them to another process after ACK_WAIT_MS. Handlers
// are idempotent on the read id, so a message handled twice changes nothing the second time.
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from '../platform/logger.js';
import { decodeRead, type ReadMessage } from './read-message.js';

export interface BatchConsumerOptions {
  /** Most messages handled in one group. */
  maxBatch: number;
  logger: Pick<Logger, 'error' | 'warn'>;
  name: string;
}

export class BatchConsumer {
  private pending: JsMsg[] = [];
  private running: Promise<void> | undefined;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  /** Messages handled and acknowledged (for logs and tests). */
  handled = 0;

  constructor(
    private readonly consumer: Consumer,
    private readonly handle: (batch: ReadMessage[]) => Promise<void>,
    private readonly options: BatchConsumerOptions,
  ) {}

  /** Starts taking messages (the first pull is awaited, so a missing stream or consumer fails the start). */
  async start(): Promise<void> {
    this.messages = await this.consumer.consume({ max_messages: this.options.maxBatch * 2 });
    this.loop = this.run();
  }

  /** Takes messages until stopped; if the pull ends (the consumer was lost, the server went away for long), pulls again. */
  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        this.messages ??= await this.consumer.consume({ max_messages: this.options.maxBatch * 2 });
        for await (const message of this.messages) {
          this.pending.push(message);
          this.running ??= this.drain();
        }
      } catch (error) {
        if (!this.stopped) this.options.logger.error({ err: error, consumer: this.options.name }, 'bus: the consumer stopped; pulling again in a second');
      }
      this.messages = undefined;
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /** Stops taking messages and waits for the group in hand (unacknowledged messages go to another process). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    await this.loop;
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.pending.length > 0 && !this.stopped) {
        const group = this.pending.splice(0, this.options.maxBatch);
        const decoded: ReadMessage[] = [];
        const good: JsMsg[] = [];
        for (const message of group) {
          try {
            decoded.push(decodeRead(message.data));
            good.push(message);
          } catch (error) {
            this.options.logger.error({ err: error, consumer: this.options.name, seq: message.seq }, 'bus: a message that is not a read was dropped');
            message.term('not a version-1 read message');
          }
        }
        try {
          if (decoded.length) await this.handle(decoded);
          for (const message of good) message.ack();
          this.handled += good.length;
        } catch (error) {
          this.options.logger.warn({ err: error, consumer: this.options.name, messages: good.length }, 'bus: a group failed; it will be redelivered');
          for (const message of good) message.nak(1_000);
        }
      }
    } finally {
      this.running = undefined;
      if (this.pending.length > 0 && !this.stopped) this.running = this.drain();
    }
  }
}
