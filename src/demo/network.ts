/**
 * The demo camera network: fixed poles at real intersections in El Cajon, California, and
 * patrol cars looping along real streets between them.
 *
 * Coordinates are the street centre-lines near each intersection (downtown is Main St & Magnolia
 * Ave, 32.7948 N 116.9627 W). They are good to roughly a block: plenty for a map and for
 * "which cameras saw this car" searches, not survey grade. Every camera sits inside
 * EL_CAJON_BOUNDS.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * How a camera's traffic varies over the day: arterials peak at commute times, downtown and
 * retail around lunch and the evening, residential streets stay quiet.
 */
export type TrafficProfile = 'arterial' | 'downtown' | 'retail' | 'residential' | 'industrial' | 'patrol';

export interface DemoCameraSpec {
  slug: string;
  name: string;
  kind: 'fixed' | 'mobile';
  /** Fixed cameras: where the pole stands. */
  location?: LatLon;
  /** Fixed cameras: compass bearing (0-359) of the traffic the camera reads. */
  direction?: number;
  /** Mobile cameras: a closed loop of waypoints (the car drives back to the first). */
  route?: LatLon[];
  placement?: 'public_view';
  /** Relative traffic volume (1 = an ordinary street); defaults to 1. */
  traffic?: number;
  /** Daily traffic shape; defaults to 'arterial'. */
  profile?: TrafficProfile;
}

/** A generous box around the city of El Cajon (the city limits fit inside it). */
export const EL_CAJON_BOUNDS = { minLat: 32.76, maxLat: 32.84, minLon: -117.01, maxLon: -116.9 } as const;

/** Where the demo network is centred (Main St & Magnolia Ave). */
export const EL_CAJON_CENTER: LatLon = { lat: 32.7948, lon: -116.9627 };

/** The local time zone of the demo city, for daily traffic patterns. */
export const DEMO_TIME_ZONE = 'America/Los_Angeles';

// Street centre-lines: east-west streets by latitude, north-south streets by longitude.
const ST = {
  bradley: 32.8192,
  madison: 32.8127,
  broadway: 32.8073,
  washington: 32.7987,
  main: 32.7948,
  lexington: 32.7905,
  chase: 32.7797,
} as const;
const AVE = {
  johnson: -116.9703,
  magnolia: -116.9627,
  mollison: -116.9508,
  second: -116.9458,
  jamacha: -116.948,
} as const;

const at = (lat: number, lon: number): LatLon => ({ lat, lon });

/** Named intersections used by fixed cameras and as patrol waypoints. */
export const INTERSECTIONS = {
  mainMagnolia: at(ST.main, AVE.magnolia),
  mainMollison: at(ST.main + 0.0002, AVE.mollison),
  mainSecond: at(ST.main + 0.0004, AVE.second),
  mainJohnson: at(ST.main - 0.0008, AVE.johnson),
  washingtonMagnolia: at(ST.washington, AVE.magnolia),
  washingtonMollison: at(ST.washington + 0.0001, AVE.mollison),
  washingtonSecond: at(ST.washington + 0.0002, AVE.second),
  broadwayMagnolia: at(ST.broadway - 0.0005, AVE.magnolia),
  broadwayMollison: at(ST.broadway, AVE.mollison),
  broadwaySecond: at(ST.broadway + 0.0002, AVE.second),
  fletcherJohnson: at(ST.broadway - 0.001, AVE.johnson),
  madisonMagnolia: at(ST.madison, AVE.magnolia),
  madisonMollison: at(ST.madison, AVE.mollison),
  madisonSecond: at(ST.madison, AVE.second),
  bradleyMagnolia: at(ST.bradley, AVE.magnolia),
  lexingtonMagnolia: at(ST.lexington, AVE.magnolia),
  chaseMagnolia: at(ST.chase, AVE.magnolia),
  chaseJamacha: at(ST.chase - 0.0001, AVE.jamacha),
} as const satisfies Record<string, LatLon>;

type Approach = 'NB' | 'EB' | 'SB' | 'WB';
const BEARING: Record<Approach, number> = { NB: 0, EB: 90, SB: 180, WB: 270 };

function fixed(
  slug: string,
  street: string,
  approach: Approach,
  where: LatLon,
  traffic: number,
  profile: TrafficProfile,
): DemoCameraSpec {
  return {
    slug,
    name: `${street} ${approach}`,
    kind: 'fixed',
    location: { ...where },
    direction: BEARING[approach],
    placement: 'public_view',
    traffic,
    profile,
  };
}

function patrol(slug: string, name: string, route: LatLon[], traffic = 0.9): DemoCameraSpec {
  return { slug, name, kind: 'mobile', route: route.map((p) => ({ ...p })), traffic, profile: 'patrol' };
}

/** The demo network: 24 fixed cameras and 8 patrol cars around El Cajon, CA. */
export function demoNetwork(): DemoCameraSpec[] {
  const X = INTERSECTIONS;
  return [
    // Downtown: Main St is the old US 80 through the city, Magnolia Ave the old SR 67.
    fixed('main-magnolia-eb', 'Main St & Magnolia Ave', 'EB', X.mainMagnolia, 3.2, 'downtown'),
    fixed('main-magnolia-wb', 'Main St & Magnolia Ave', 'WB', X.mainMagnolia, 3.0, 'downtown'),
    fixed('magnolia-main-sb', 'Magnolia Ave & Main St', 'SB', X.mainMagnolia, 2.6, 'downtown'),
    fixed('main-mollison-eb', 'Main St & Mollison Ave', 'EB', X.mainMollison, 2.4, 'arterial'),
    fixed('main-mollison-wb', 'Main St & Mollison Ave', 'WB', X.mainMollison, 2.3, 'arterial'),
    fixed('main-second-wb', 'Main St & 2nd St', 'WB', X.mainSecond, 2.2, 'arterial'),
    fixed('second-main-nb', '2nd St & Main St', 'NB', X.mainSecond, 2.0, 'arterial'),
    fixed('main-johnson-eb', 'Main St & Johnson Ave', 'EB', X.mainJohnson, 2.1, 'arterial'),
    fixed('johnson-main-nb', 'Johnson Ave & Main St', 'NB', X.mainJohnson, 1.6, 'retail'),
    fixed('magnolia-washington-nb', 'Magnolia Ave & Washington Ave', 'NB', X.washingtonMagnolia, 2.6, 'arterial'),
    fixed('washington-magnolia-wb', 'Washington Ave & Magnolia Ave', 'WB', X.washingtonMagnolia, 1.4, 'residential'),
    fixed('washington-mollison-wb', 'Washington Ave & Mollison Ave', 'WB', X.washingtonMollison, 1.2, 'residential'),
    fixed('washington-second-eb', 'Washington Ave & 2nd St', 'EB', X.washingtonSecond, 1.3, 'arterial'),
    // North of I-8: Broadway, Fletcher Parkway (Parkway Plaza), Madison and Bradley (Gillespie Field).
    fixed('magnolia-broadway-sb', 'Magnolia Ave & Broadway', 'SB', X.broadwayMagnolia, 2.5, 'arterial'),
    fixed('broadway-magnolia-eb', 'Broadway & Magnolia Ave', 'EB', X.broadwayMagnolia, 2.2, 'arterial'),
    fixed('broadway-mollison-eb', 'Broadway & Mollison Ave', 'EB', X.broadwayMollison, 1.9, 'arterial'),
    fixed('broadway-second-wb', 'Broadway & 2nd St', 'WB', X.broadwaySecond, 1.9, 'arterial'),
    fixed('fletcher-johnson-eb', 'Fletcher Pkwy & Johnson Ave', 'EB', X.fletcherJohnson, 2.8, 'retail'),
    fixed('madison-magnolia-eb', 'Madison Ave & Magnolia Ave', 'EB', X.madisonMagnolia, 1.5, 'arterial'),
    fixed('mollison-madison-nb', 'Mollison Ave & Madison Ave', 'NB', X.madisonMollison, 1.1, 'residential'),
    fixed('madison-second-wb', 'Madison Ave & 2nd St', 'WB', X.madisonSecond, 1.4, 'arterial'),
    fixed('bradley-magnolia-wb', 'Bradley Ave & Magnolia Ave', 'WB', X.bradleyMagnolia, 1.7, 'industrial'),
    // South: Lexington (residential), Chase Ave and Jamacha Rd.
    fixed('magnolia-lexington-nb', 'Magnolia Ave & Lexington Ave', 'NB', X.lexingtonMagnolia, 1.0, 'residential'),
    fixed('chase-jamacha-wb', 'Chase Ave & Jamacha Rd', 'WB', X.chaseJamacha, 1.6, 'arterial'),

    patrol('patrol-downtown', 'Patrol 11 (Downtown beat)', [
      X.mainMagnolia, X.mainMollison, X.washingtonMollison, X.washingtonMagnolia,
    ]),
    patrol('patrol-north', 'Patrol 12 (Broadway / Madison)', [
      X.broadwayMagnolia, X.broadwayMollison, X.broadwaySecond, X.madisonSecond, X.madisonMollison, X.madisonMagnolia,
    ]),
    patrol('patrol-parkway', 'Patrol 13 (Parkway Plaza)', [
      X.fletcherJohnson, X.mainJohnson, X.mainMagnolia, X.washingtonMagnolia, X.broadwayMagnolia,
    ]),
    patrol('patrol-south', 'Patrol 14 (Chase / Jamacha)', [
      X.mainMagnolia, X.lexingtonMagnolia, X.chaseMagnolia, X.chaseJamacha, X.chaseMagnolia, X.lexingtonMagnolia,
    ]),
    patrol('patrol-gillespie', 'Patrol 15 (Gillespie Field)', [
      X.bradleyMagnolia, X.madisonMagnolia, X.madisonMollison, X.madisonMagnolia,
    ]),
    patrol('patrol-east', 'Patrol 16 (2nd St corridor)', [
      X.mainMollison, X.mainSecond, X.washingtonSecond, X.broadwaySecond, X.broadwayMollison, X.washingtonMollison,
    ]),
    patrol('patrol-magnolia', 'Patrol 17 (Magnolia Ave)', [
      X.bradleyMagnolia, X.madisonMagnolia, X.broadwayMagnolia, X.washingtonMagnolia, X.mainMagnolia,
      X.lexingtonMagnolia, X.chaseMagnolia, X.lexingtonMagnolia, X.mainMagnolia, X.washingtonMagnolia,
      X.broadwayMagnolia, X.madisonMagnolia,
    ]),
    patrol('patrol-main', 'Patrol 18 (Main St)', [
      X.mainJohnson, X.mainMagnolia, X.mainMollison, X.mainSecond, X.mainMollison, X.mainMagnolia,
    ]),
  ];
}
