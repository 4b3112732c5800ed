/**
 * The demo camera network: what a new install shows before any real camera is registered.
 * Simulated fixed and patrol cameras around El Cajon, CA send realistic reads with generated
 * plate and vehicle images.
 */

export { createDemoFeed, DEFAULT_SEED, misread } from './feed.js';
export type { DemoFeed, DemoFeedOptions, DemoImage, DemoRead } from './feed.js';
export { DEMO_TIME_ZONE, EL_CAJON_BOUNDS, EL_CAJON_CENTER, INTERSECTIONS, demoNetwork } from './network.js';
export type { DemoCameraSpec, LatLon, TrafficProfile } from './network.js';
export {
  CA_COMMERCIAL_PLATE,
  CA_STANDARD_PLATE,
  CA_VANITY_PLATE,
  caSeriesDigit,
  displayPlate,
  randomPlate,
  regionCode,
} from './plates.js';
export type { GeneratedPlate, PlateKind, PlateOptions } from './plates.js';
export { createRandom } from './random.js';
export type { Random } from './random.js';
export { COLOR_WEIGHTS, VEHICLE_CATALOG, createVehiclePool, randomVehicle } from './vehicles.js';
export type { BodyType, DemoVehicle } from './vehicles.js';
export {
  PLATE_IMAGE_SIZE,
  VEHICLE_IMAGE_SIZE,
  clearImageCaches,
  renderPlateImage,
  renderVehicleImage,
} from './images.js';
export type { VehicleImageOptions } from './images.js';
