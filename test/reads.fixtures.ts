// Reads and images for tests, shaped as the native API takes them.
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';

let jpeg: Buffer | undefined;
let png: Buffer | undefined;

export async function tinyJpeg(): Promise<Buffer> {
  jpeg ??= await sharp({ create: { width: 8, height: 4, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
  return jpeg;
}

export async function tinyPng(): Promise<Buffer> {
  png ??= await sharp({ create: { width: 8, height: 4, channels: 3, background: '#0000ff' } }).png().toBuffer();
  return png;
}

export function makeRead(overrides: Record<string, unknown> = {}, capturedAt = new Date()): Record<string, unknown> {
  return {
    id: uuidv7(),
    capturedAt: capturedAt.toISOString(),
    plate: '8ABC123',
    region: 'us-ca',
    confidence: 0.93,
    vehicle: { make: 'Toyota', model: 'Camry', color: 'white', bodyType: 'sedan' },
    ...overrides,
  };
}
