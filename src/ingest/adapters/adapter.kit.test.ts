// The normalizations every adapter shares (issue 10): times, confidences, regions, ids, images.
import { describe, expect, it } from 'vitest';
import { confidenceAt, imageAt, instantAt, readId, regionAt, wallClockToUtc } from './adapter.kit.js';
import { TINY_JPEG_BASE64, WEBP_HEAD_BASE64 } from './fixtures/images.js';

const LA = 'America/Los_Angeles';
const at = (iso: string) => Date.parse(iso);

describe('instantAt', () => {
  it.each([
    ['epoch milliseconds', 1562681121504, at('2019-07-09T14:05:21.504Z')],
    ['epoch seconds', 1402161050, at('2014-06-07T17:10:50Z')],
    ['epoch seconds with a fraction (Frigate)', 1607123958.748393, 1607123958748],
    ['epoch milliseconds as digits', '1562681121504', at('2019-07-09T14:05:21.504Z')],
    ['ISO 8601 with Z and microseconds', '2021-09-29T05:56:13.606935Z', at('2021-09-29T05:56:13.606Z')],
    ['ISO 8601 with an offset', '2021-07-31 09:53:36.169692-04:00', at('2021-07-31T13:53:36.169Z')],
    ['ISO 8601 with a compact offset', '2021-07-31T09:53:36-0400', at('2021-07-31T13:53:36Z')],
    ['RFC 1123', 'Fri, 29 Nov 2024 14:05:33 GMT', at('2024-11-29T14:05:33Z')],
    ['RFC 2822 with an offset', 'Fri, 29 Nov 2024 06:05:33 -0800', at('2024-11-29T14:05:33Z')],
  ])('reads %s', (_what, value, expected) => {
    expect(instantAt(value, 'time', 'UTC')).toBe(expected);
  });

  it('reads a clock time without a zone in the zone given, across daylight saving time', () => {
    expect(instantAt('2020-01-16 17:00:00', 'time', 'UTC')).toBe(at('2020-01-16T17:00:00Z'));
    expect(instantAt('2024-11-29 06:07:10', 'time', LA)).toBe(at('2024-11-29T14:07:10Z')); // PST, UTC−8
    expect(instantAt('2024-07-04T06:07:10', 'time', LA)).toBe(at('2024-07-04T13:07:10Z')); // PDT, UTC−7
    expect(instantAt('20241129_060710', 'time', LA)).toBe(at('2024-11-29T14:07:10Z')); // Blue Iris file-name form
    expect(wallClockToUtc(at('2024-03-10T03:30:00Z'), LA)).toBe(at('2024-03-10T10:30:00Z')); // just after the spring gap
  });

  it.each([['yesterday'], ['2024-13-01T00:00:00Z'], ['&ALERT_TIME'], [-5], [''], [null]])('refuses %j naming the field', (value) => {
    expect(() => instantAt(value, 'timestamp', 'UTC')).toThrow(/^timestamp: /);
  });
});

describe('confidenceAt', () => {
  it('reads percent vendors and 0–1 vendors, and a 0–1 vendor that sent percent', () => {
    expect(confidenceAt(92.9419174194336, 'c', 'percent')).toBe(0.929419);
    expect(confidenceAt(0.904, 'c', 'unit')).toBe(0.904);
    expect(confidenceAt(87, 'c', 'unit')).toBe(0.87);
    expect(confidenceAt(undefined, 'c', 'unit')).toBeUndefined();
    expect(() => confidenceAt(101, 'score', 'unit')).toThrow(/score: must be a number from 0 to 1/);
    expect(() => confidenceAt('high', 'score', 'percent')).toThrow(/0 to 100/);
  });
});

describe('regionAt', () => {
  it('maps state codes and leaves countries out', () => {
    expect(regionAt('us-ca', 'country')).toBe('us-ca');
    expect(regionAt('ca-qc', 'country')).toBe('ca-qc');
    expect(regionAt('ca', 'country')).toBeUndefined(); // Plate Recognizer: Canada
    expect(regionAt('gb', 'country')).toBeUndefined();
    expect(regionAt('mx-bc', 'country')).toBeUndefined();
    expect(regionAt('CA', 'us-state')).toBe('us-ca'); // OpenALPR (US): California
    expect(regionAt('mo', 'us-state')).toBe('us-mo');
    expect(regionAt('on', 'us-state')).toBeUndefined(); // not a US state
    expect(regionAt('', 'us-state')).toBeUndefined();
  });
});

describe('readId and imageAt', () => {
  it('gives the same UUID for the same vendor event and camera, another for another camera', () => {
    const a = readId('openalpr', { cameraId: 'cam-1', timeZone: 'UTC' }, 'group', 'agent', 1234, 1562681121504);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(readId('openalpr', { cameraId: 'cam-1', timeZone: LA }, 'group', 'agent', 1234, 1562681121504)).toBe(a);
    expect(readId('openalpr', { cameraId: 'cam-2', timeZone: 'UTC' }, 'group', 'agent', 1234, 1562681121504)).not.toBe(a);
  });

  it('keeps JPEG and PNG, leaves out placeholders and other formats with the reason', () => {
    expect(imageAt(TINY_JPEG_BASE64).image?.contentType).toBe('image/jpeg');
    expect(imageAt(`data:image/jpeg;base64,${TINY_JPEG_BASE64}`).image?.base64).toBe(TINY_JPEG_BASE64);
    expect(imageAt('...base64 jpeg data...')).toEqual({ dropped: 'not base64 image data' });
    expect(imageAt(WEBP_HEAD_BASE64).dropped).toMatch(/not a JPEG or PNG/);
    expect(imageAt(undefined)).toEqual({});
  });
});
