/**
 * Vehicles for the demo network: realistic US make/model/body combinations, paint colours in
 * the proportions seen on American roads, and a pool of "regulars" (commuters, delivery vans,
 * neighbours) whose plates recur so that searches and hot-list hits in the demo mean something.
 */

import { randomModelYear, randomPlate } from './plates.js';
import type { Random } from './random.js';

export type BodyType = 'sedan' | 'suv' | 'pickup' | 'hatchback' | 'minivan' | 'coupe' | 'van' | 'wagon';

export interface DemoVehicle {
  plate: string;
  /** USPS code of the plate's issuing state. */
  state: string;
  make: string;
  model: string;
  color: string;
  bodyType: BodyType;
  year: number;
}

interface CatalogEntry {
  make: string;
  model: string;
  bodyType: BodyType;
  /** Relative share of vehicles on the road in Southern California. */
  weight: number;
  /** First and last model years sold (last omitted when still on sale). */
  since: number;
  until?: number;
}

const entry = (
  make: string,
  model: string,
  bodyType: BodyType,
  weight: number,
  since: number,
  until?: number,
): CatalogEntry => (until === undefined ? { make, model, bodyType, weight, since } : { make, model, bodyType, weight, since, until });

export const VEHICLE_CATALOG: readonly CatalogEntry[] = [
  entry('Toyota', 'Camry', 'sedan', 5, 1983),
  entry('Toyota', 'Corolla', 'sedan', 5, 1975),
  entry('Toyota', 'RAV4', 'suv', 5, 1996),
  entry('Toyota', 'Tacoma', 'pickup', 4, 1995),
  entry('Toyota', 'Prius', 'hatchback', 2.5, 2001),
  entry('Toyota', 'Highlander', 'suv', 2, 2001),
  entry('Toyota', '4Runner', 'suv', 1.5, 1984),
  entry('Toyota', 'Tundra', 'pickup', 1.5, 2000),
  entry('Toyota', 'Sienna', 'minivan', 1.2, 1998),
  entry('Honda', 'Civic', 'sedan', 5, 1973),
  entry('Honda', 'Accord', 'sedan', 4, 1976),
  entry('Honda', 'CR-V', 'suv', 4, 1997),
  entry('Honda', 'Odyssey', 'minivan', 1.2, 1995),
  entry('Honda', 'Pilot', 'suv', 1.2, 2003),
  entry('Honda', 'HR-V', 'suv', 0.8, 2016),
  entry('Ford', 'F-150', 'pickup', 4, 1975),
  entry('Ford', 'Explorer', 'suv', 1.8, 1991),
  entry('Ford', 'Escape', 'suv', 1.5, 2001),
  entry('Ford', 'Mustang', 'coupe', 1.2, 1965),
  entry('Ford', 'Transit', 'van', 1, 2015),
  entry('Ford', 'Fusion', 'sedan', 0.8, 2006, 2020),
  entry('Ford', 'Ranger', 'pickup', 0.6, 1983),
  entry('Chevrolet', 'Silverado', 'pickup', 3, 1999),
  entry('Chevrolet', 'Equinox', 'suv', 1.8, 2005),
  entry('Chevrolet', 'Malibu', 'sedan', 1.2, 1997),
  entry('Chevrolet', 'Tahoe', 'suv', 1, 1995),
  entry('Chevrolet', 'Camaro', 'coupe', 0.5, 1967, 2024),
  entry('Chevrolet', 'Bolt EV', 'hatchback', 0.4, 2017, 2023),
  entry('Chevrolet', 'Express', 'van', 0.4, 1996),
  entry('Tesla', 'Model 3', 'sedan', 3, 2017),
  entry('Tesla', 'Model Y', 'suv', 3, 2020),
  entry('Tesla', 'Model S', 'sedan', 0.5, 2012),
  entry('Tesla', 'Model X', 'suv', 0.3, 2016),
  entry('Nissan', 'Altima', 'sedan', 2.5, 1993),
  entry('Nissan', 'Sentra', 'sedan', 2, 1982),
  entry('Nissan', 'Rogue', 'suv', 2, 2008),
  entry('Nissan', 'Frontier', 'pickup', 0.8, 1998),
  entry('Nissan', 'Leaf', 'hatchback', 0.5, 2011),
  entry('Hyundai', 'Elantra', 'sedan', 2, 1991),
  entry('Hyundai', 'Tucson', 'suv', 1.5, 2005),
  entry('Hyundai', 'Sonata', 'sedan', 1.2, 1989),
  entry('Hyundai', 'Santa Fe', 'suv', 0.8, 2001),
  entry('Kia', 'Forte', 'sedan', 1, 2010),
  entry('Kia', 'Sorento', 'suv', 1, 2003),
  entry('Kia', 'Soul', 'hatchback', 0.8, 2010),
  entry('Kia', 'Telluride', 'suv', 0.5, 2020),
  entry('Jeep', 'Wrangler', 'suv', 1.5, 1987),
  entry('Jeep', 'Grand Cherokee', 'suv', 1.2, 1993),
  entry('Ram', '1500', 'pickup', 2, 2011),
  entry('GMC', 'Sierra', 'pickup', 1.2, 1999),
  entry('Dodge', 'Charger', 'sedan', 0.8, 2006, 2023),
  entry('Dodge', 'Grand Caravan', 'minivan', 0.6, 1987, 2020),
  entry('Chrysler', 'Pacifica', 'minivan', 0.5, 2017),
  entry('BMW', '3 Series', 'sedan', 1.5, 1977),
  entry('BMW', 'X3', 'suv', 0.8, 2004),
  entry('BMW', 'X5', 'suv', 0.6, 2000),
  entry('Mercedes-Benz', 'C-Class', 'sedan', 1.2, 1994),
  entry('Mercedes-Benz', 'GLC', 'suv', 0.6, 2016),
  entry('Mercedes-Benz', 'Sprinter', 'van', 0.5, 2003),
  entry('Lexus', 'RX', 'suv', 1, 1999),
  entry('Lexus', 'ES', 'sedan', 0.8, 1990),
  entry('Subaru', 'Outback', 'wagon', 1, 1995),
  entry('Subaru', 'Forester', 'suv', 1, 1998),
  entry('Volkswagen', 'Jetta', 'sedan', 1, 1980),
  entry('Volkswagen', 'Golf', 'hatchback', 0.4, 1985),
  entry('Mazda', 'CX-5', 'suv', 1.2, 2013),
  entry('Mazda', 'Mazda3', 'sedan', 1, 2004),
  entry('Audi', 'Q5', 'suv', 0.6, 2009),
  entry('Audi', 'A4', 'sedan', 0.5, 1996),
];

/** Paint colours by share of US cars (white, black, gray and silver are ~75%). */
export const COLOR_WEIGHTS: readonly (readonly [string, number])[] = [
  ['white', 24],
  ['black', 21],
  ['gray', 18],
  ['silver', 13],
  ['blue', 9],
  ['red', 9],
  ['brown', 2],
  ['beige', 1.5],
  ['green', 1.2],
  ['gold', 0.6],
  ['orange', 0.4],
  ['yellow', 0.3],
];

/** Colours a classifier plausibly confuses (used to add realistic descriptor noise). */
export const SIMILAR_COLORS: Readonly<Record<string, readonly string[]>> = {
  white: ['silver'],
  silver: ['gray', 'white'],
  gray: ['silver', 'black'],
  black: ['gray'],
  blue: ['gray', 'black'],
  red: ['orange'],
  brown: ['beige', 'gray'],
  beige: ['brown', 'gold'],
  green: ['gray'],
  gold: ['beige', 'yellow'],
  orange: ['red', 'yellow'],
  yellow: ['gold'],
};

/** One random vehicle with its own plate. */
export function randomVehicle(rng: Random, referenceYear = new Date().getUTCFullYear()): DemoVehicle {
  const model = rng.weighted(
    VEHICLE_CATALOG.filter((e) => e.since <= referenceYear).map((e) => [e, e.weight] as const),
  );
  const last = Math.min(model.until ?? referenceYear, referenceYear);
  let year = randomModelYear(rng, referenceYear);
  if (year < model.since || year > last) year = rng.int(Math.max(model.since, last - 12), last);
  const { plate, state } = randomPlate(rng, { year, referenceYear });
  return {
    plate,
    state,
    make: model.make,
    model: model.model,
    color: rng.weighted(COLOR_WEIGHTS),
    bodyType: model.bodyType,
    year,
  };
}

/**
 * A fleet of `size` vehicles with distinct plates: the regulars that keep coming back past the
 * same cameras.
 */
export function createVehiclePool(rng: Random, size: number, referenceYear = new Date().getUTCFullYear()): DemoVehicle[] {
  const pool: DemoVehicle[] = [];
  const seen = new Set<string>();
  let attempts = 0;
  while (pool.length < size && attempts < size * 20) {
    attempts++;
    const vehicle = randomVehicle(rng, referenceYear);
    const key = `${vehicle.state}:${vehicle.plate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pool.push(vehicle);
  }
  return pool;
}
