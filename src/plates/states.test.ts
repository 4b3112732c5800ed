import { describe, it, expect } from 'vitest';
import { isPlausiblePlate, matchesStandardFormat, STATE_FORMATS, validatePlateForState } from './states.js';

describe('isPlausiblePlate (R1 plate characters)', () => {
  it.each(['A', '7ABC123', 'ABCD1234', '7-abc 123'])('%j is plausible', (plate) => {
    expect(isPlausiblePlate(plate)).toBe(true);
  });
  it.each(['', ' - ', 'ABCDE12345', '♥'])('%j is not', (plate) => {
    expect(isPlausiblePlate(plate)).toBe(false);
  });
});

describe('matchesStandardFormat', () => {
  it.each([
    ['7ABC123', 'CA', '1ABC234'],
    ['7-abc 123', 'us-ca', '1ABC234'],
    ['123ABC', 'CA', '123ABC'],
    ['ABC123', 'CA', 'ABC123'],
    ['ABC1234', 'AZ', 'ABC1234'],
    ['CH71K3A', 'AZ', 'ABC1DEF'],
    ['123ABC', 'NV', '123ABC'],
    ['123ABC', 'OR', '123ABC'],
    ['ABC123', 'OR', 'ABC123'],
    ['BQA4821', 'WA', 'ABC1234'],
    ['BC1D234', 'TX', 'AB1C234'],
    ['LJK4321', 'Texas', 'ABC1234'],
    ['ABCD12', 'FL', 'ABCD12'],
    ['12ABCD', 'FL', '12ABCD'],
    ['KJX1234', 'NY', 'ABC1234'],
    ['AB12345', 'IL', 'AB12345'],
  ])('%j in %j is %j', (plate, state, format) => {
    expect(matchesStandardFormat(plate, state)).toBe(format);
  });

  it('0ABC123 is not a California serial: the sequence starts at 1', () => {
    expect(matchesStandardFormat('0ABC123', 'CA')).toBeUndefined();
  });

  it('a vanity plate is not a standard format', () => {
    expect(matchesStandardFormat('LUVMYCA', 'CA')).toBeUndefined();
  });

  it('is undefined for states without a format list', () => {
    expect(matchesStandardFormat('ABC1234', 'PA')).toBeUndefined();
    expect(matchesStandardFormat('ABC1234', undefined)).toBeUndefined();
  });

  it('every listed format matches its own example', () => {
    for (const formats of Object.values(STATE_FORMATS)) {
      for (const fmt of formats.filter((x) => x.kind === 'standard')) {
        expect(fmt.pattern.test(fmt.format), fmt.format).toBe(true);
      }
    }
  });
});

describe('validatePlateForState', () => {
  it('a standard California serial is valid, with its format', () => {
    expect(validatePlateForState('7-ABC 123', 'us-ca')).toEqual({
      status: 'standard', valid: true, plausible: true, format: '1ABC234',
    });
  });

  it('a California vanity plate (2–7 characters) is valid: vanity plates are legal', () => {
    expect(validatePlateForState('LUVMYCA', 'CA')).toMatchObject({ status: 'vanity', valid: true });
    expect(validatePlateForState('Q1', 'CA')).toMatchObject({ status: 'vanity', valid: true });
  });

  it('an 8-character plate in California matches nothing but is still plausible', () => {
    expect(validatePlateForState('ABCD1234', 'CA')).toEqual({ status: 'nonstandard', valid: false, plausible: true });
  });

  it('a plate that matches none of a known state\'s formats is nonstandard, not implausible', () => {
    expect(validatePlateForState('LUVMYAZ', 'AZ')).toEqual({ status: 'nonstandard', valid: false, plausible: true });
  });

  it('an unknown or missing state is unverified, not invalid', () => {
    expect(validatePlateForState('ABC1234', 'PA')).toEqual({ status: 'unverified', valid: false, plausible: true });
    expect(validatePlateForState('ABC1234', 'ON')).toMatchObject({ status: 'unverified' });
    expect(validatePlateForState('ABC1234', undefined)).toMatchObject({ status: 'unverified' });
    expect(validatePlateForState('ABC1234', 'Atlantis')).toMatchObject({ status: 'unverified' });
  });

  it('empty or over-long text is implausible whatever the state', () => {
    expect(validatePlateForState('', 'CA')).toEqual({ status: 'implausible', valid: false, plausible: false });
    expect(validatePlateForState('ABCDE12345', 'PA')).toMatchObject({ status: 'implausible' });
  });
});
