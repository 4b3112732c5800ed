import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { PLATE_IMAGE_SIZE, VEHICLE_IMAGE_SIZE, clearImageCaches, escapeXml, plateSvg, renderPlateImage, renderVehicleImage } from './images.js';
import type { DemoVehicle } from './vehicles.js';

const car: DemoVehicle = { plate: '8XYZ123', state: 'CA', make: 'Toyota', model: 'Camry', color: 'silver', bodyType: 'sedan', year: 2019 };

async function expectJpeg(buffer: Buffer, size: { width: number; height: number }): Promise<void> {
  expect(buffer.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  const meta = await sharp(buffer).metadata();
  expect(meta.format).toBe('jpeg');
  expect(meta.width).toBe(size.width);
  expect(meta.height).toBe(size.height);
}

describe('images', () => {
  it('renders plate crops as 240x120 JPEGs for CA and other states', async () => {
    await expectJpeg(await renderPlateImage('8XYZ123', 'CA'), PLATE_IMAGE_SIZE);
    await expectJpeg(await renderPlateImage('ABC1234', 'TX'), PLATE_IMAGE_SIZE);
    await expectJpeg(await renderPlateImage('AB12345', 'ZZ'), PLATE_IMAGE_SIZE);
    expect(plateSvg('8XYZ123', 'CA')).toContain('California');
    expect(plateSvg('ABC1234', 'TX')).toContain('ABC-1234');
  });

  it('renders every body type as a 480x320 JPEG', async () => {
    const bodies = ['sedan', 'suv', 'pickup', 'hatchback', 'minivan', 'coupe', 'van', 'wagon'] as const;
    for (const bodyType of bodies) await expectJpeg(await renderVehicleImage({ ...car, bodyType }), VEHICLE_IMAGE_SIZE);
    await expectJpeg(await renderVehicleImage({ ...car, color: 'chartreuse' }), VEHICLE_IMAGE_SIZE);
  });

  it('caches renders: the same plate or vehicle gives the same bytes', async () => {
    clearImageCaches();
    const [a, b] = await Promise.all([renderPlateImage('7ABC123', 'CA'), renderPlateImage('7ABC123', 'CA')]);
    expect(a).toBe(b);
    const v1 = await renderVehicleImage(car);
    expect(await renderVehicleImage({ ...car })).toBe(v1);
    expect(await renderVehicleImage({ ...car, color: 'red' })).not.toBe(v1);
    clearImageCaches();
    expect((await renderVehicleImage(car)).equals(v1)).toBe(true);
  });

  it('can stamp a caption, escaping it', async () => {
    const stamped = await renderVehicleImage(car, { caption: '2026-01-01 08:00:00 PST · Main St & Magnolia Ave EB' });
    await expectJpeg(stamped, VEHICLE_IMAGE_SIZE);
    expect(escapeXml(`a & <b> "c" 'd'`)).toBe('a &#38; &#60;b&#62; &#34;c&#34; &#39;d&#39;');
  });
});
