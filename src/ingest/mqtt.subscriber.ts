// Frigate over MQTT (issue 10): subscribes to `<prefix>/events` and `<prefix>/tracked_object_update`
// on the configured broker and hands each message to the Frigate adapter, one at a time in the
// order the broker delivered them. mqtt.js reconnects on its own (every `reconnectMs`) and this
// subscribes again on every connect, so a broker restart loses nothing Frigate publishes after it.
// Started by app.listen(), stopped by app.close().
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { AdapterService } from './adapter.service.js';

export interface MqttOptions {
  url: string;
  topicPrefix: string;
  clientId?: string;
  /** How long to wait between reconnection attempts. */
  reconnectMs?: number;
}

export interface MqttStatus {
  connected: boolean;
  connects: number;
  messages: number;
  errors: number;
  lastMessageAt: string | null;
}

type FrigateTopic = 'events' | 'tracked_object_update';

export class MqttSubscriber {
  private client: MqttClient | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly counters = { connects: 0, messages: 0, errors: 0, lastMessageAt: null as string | null };

  constructor(
    private readonly options: MqttOptions,
    private readonly adapters: Pick<AdapterService, 'frigate'>,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {}

  private get topics(): Record<string, FrigateTopic> {
    return { [`${this.options.topicPrefix}/events`]: 'events', [`${this.options.topicPrefix}/tracked_object_update`]: 'tracked_object_update' };
  }

  /** Connects in the background; never throws for an unreachable broker (it keeps trying). */
  start(): void {
    if (this.client) return;
    const client = mqtt.connect(this.options.url, {
      clientId: this.options.clientId ?? `platekeeper-${randomBytes(4).toString('hex')}`,
      reconnectPeriod: this.options.reconnectMs ?? 2_000,
      connectTimeout: 10_000,
      // With a fixed client id the broker keeps the session while Platekeeper restarts and holds its
      // QoS 1 messages; a random id starts clean each time.
      clean: this.options.clientId === undefined,
    });
    this.client = client;
    const where = redactUrl(this.options.url);
    client.on('connect', () => {
      this.counters.connects++;
      this.logger.info({ broker: where }, 'mqtt: connected');
      client.subscribe(Object.keys(this.topics), { qos: 1 }, (error) => {
        if (error) this.logger.error({ broker: where, err: error }, 'mqtt: subscribe failed');
      });
    });
    client.on('reconnect', () => this.logger.debug({ broker: where }, 'mqtt: reconnecting'));
    client.on('close', () => this.logger.debug({ broker: where }, 'mqtt: connection closed'));
    client.on('error', (error) => this.logger.warn({ broker: where, err: error.message }, 'mqtt: error'));
    client.on('message', (topic, payload) => {
      const kind = this.topics[topic];
      if (!kind) return;
      this.counters.messages++;
      this.counters.lastMessageAt = this.clock.now().toISOString();
      this.tail = this.tail.then(() => this.handle(kind, topic, payload));
    });
  }

  private async handle(kind: FrigateTopic, topic: string, payload: Buffer): Promise<void> {
    try {
      let message: unknown;
      try {
        message = JSON.parse(payload.toString('utf8'));
      } catch {
        throw new Error('the message is not JSON');
      }
      await this.adapters.frigate(kind, message, payload.length);
    } catch (error) {
      this.counters.errors++;
      // The message itself is not logged: it holds plate data.
      this.logger.warn({ topic, err: (error as Error).message }, 'mqtt: message not ingested');
    }
  }

  /** Resolves when every message received so far has been handled. */
  async idle(): Promise<void> {
    await this.tail;
  }

  status(): MqttStatus {
    return { connected: this.client?.connected ?? false, ...this.counters };
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.endAsync(true);
    await this.tail;
  }
}

/** The broker address without its password, for logs. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
