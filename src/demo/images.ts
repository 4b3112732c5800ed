/**
 * Generated images for demo reads: a plate crop (240x120) and a rear view of the vehicle
 * (480x320), drawn as SVG and encoded to JPEG by sharp. Nothing is fetched: text uses local
 * fonts through fontconfig (DejaVu/Liberation where installed, else the generic families).
 *
 * Renders are cached (the cache holds the promise, so concurrent requests share one render):
 * the same plate or the same regular vehicle yields byte-identical JPEGs, which also lets the
 * image store deduplicate them by hash.
 */

import sharp from 'sharp';

import { LruCache } from './lru.js';
import { displayPlate } from './plates.js';
import type { BodyType, DemoVehicle } from './vehicles.js';

export const PLATE_IMAGE_SIZE = { width: 240, height: 120 } as const;
export const VEHICLE_IMAGE_SIZE = { width: 480, height: 320 } as const;

const SANS = "'DejaVu Sans Condensed', 'Liberation Sans Narrow', 'DejaVu Sans', 'Liberation Sans', sans-serif";
const SERIF = "'DejaVu Serif', 'Liberation Serif', serif";
const MONO = "'DejaVu Sans Mono', 'Liberation Mono', monospace";

interface PlateStyle {
  title: string;
  titleColor: string;
  titleItalic: boolean;
  text: string;
  footer: string;
  footerColor: string;
  /** Background gradient, top to bottom. */
  background: readonly [string, string];
}

const PLATE_STYLES: Readonly<Record<string, PlateStyle>> = {
  CA: { title: 'California', titleColor: '#c8102e', titleItalic: true, text: '#1b2a6b', footer: 'dmv.ca.gov', footerColor: '#1b2a6b', background: ['#ffffff', '#f1f1ee'] },
  AZ: { title: 'ARIZONA', titleColor: '#7a1f1f', titleItalic: false, text: '#5b1616', footer: 'GRAND CANYON STATE', footerColor: '#7a1f1f', background: ['#cfe6ef', '#f0b56f'] },
  NV: { title: 'Nevada', titleColor: '#1f3c88', titleItalic: true, text: '#1f3c88', footer: 'HOME MEANS NEVADA', footerColor: '#1f3c88', background: ['#eef4fb', '#c9d3de'] },
  TX: { title: 'TEXAS', titleColor: '#1a1a1a', titleItalic: false, text: '#111111', footer: 'THE LONE STAR STATE', footerColor: '#1a1a1a', background: ['#ffffff', '#e4e4e4'] },
  WA: { title: 'Washington', titleColor: '#1f4e99', titleItalic: true, text: '#1f4e99', footer: 'EVERGREEN STATE', footerColor: '#1f4e99', background: ['#ffffff', '#dfe9f4'] },
  IL: { title: 'Illinois', titleColor: '#b5121b', titleItalic: true, text: '#1b2a6b', footer: 'LAND OF LINCOLN', footerColor: '#1b2a6b', background: ['#ffffff', '#eef0f4'] },
  OR: { title: 'OREGON', titleColor: '#1c3f6e', titleItalic: false, text: '#1c3f6e', footer: '', footerColor: '#1c3f6e', background: ['#f3f1e8', '#cfe0c8'] },
  FL: { title: 'FLORIDA', titleColor: '#1d6b39', titleItalic: false, text: '#1d6b39', footer: 'SUNSHINE STATE', footerColor: '#1d6b39', background: ['#ffffff', '#f4efe2'] },
  NY: { title: 'NEW YORK', titleColor: '#17306e', titleItalic: false, text: '#17306e', footer: 'EXCELSIOR', footerColor: '#17306e', background: ['#fff7d6', '#f5d56b'] },
  CO: { title: 'COLORADO', titleColor: '#1c5b2e', titleItalic: false, text: '#1c5b2e', footer: '', footerColor: '#1c5b2e', background: ['#ffffff', '#d7e8d5'] },
  UT: { title: 'UTAH', titleColor: '#8a2c1a', titleItalic: false, text: '#1b2a6b', footer: 'LIFE ELEVATED', footerColor: '#8a2c1a', background: ['#ffffff', '#f1ddc9'] },
};

const DEFAULT_STYLE: PlateStyle = {
  title: '',
  titleColor: '#1a1a1a',
  titleItalic: false,
  text: '#1a1a1a',
  footer: '',
  footerColor: '#1a1a1a',
  background: ['#ffffff', '#e8e8e8'],
};

export function plateStyle(state: string): PlateStyle {
  return PLATE_STYLES[state] ?? { ...DEFAULT_STYLE, title: state };
}

/** Escape text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plate characters squeezed horizontally (as real plate fonts are tall and narrow) to fit
 * `width`: an estimate of glyph advance that holds for the condensed bold fonts used here.
 */
function plateChars(text: string, cx: number, baseline: number, width: number, size: number, fill: string): string {
  const natural = Math.max(1, text.length) * size * 0.6;
  const scaleX = Math.min(1, width / natural);
  return (
    `<text transform="translate(${cx} ${baseline}) scale(${scaleX.toFixed(3)} 1)" text-anchor="middle" ` +
    `font-family="${SANS}" font-weight="bold" font-size="${size}" fill="${fill}">${escapeXml(text)}</text>`
  );
}

/** The SVG of a plate crop: the plate on a strip of dark bumper, as a plate camera sees it. */
export function plateSvg(plate: string, state: string): string {
  const { width: W, height: H } = PLATE_IMAGE_SIZE;
  const s = plateStyle(state);
  const shown = displayPlate(plate, state);
  const title = s.title
    ? `<text x="${W / 2}" y="33" text-anchor="middle" font-family="${s.titleItalic ? SERIF : SANS}" ` +
      `font-style="${s.titleItalic ? 'italic' : 'normal'}" font-weight="bold" font-size="${s.titleItalic ? 23 : 18}" ` +
      `letter-spacing="${s.titleItalic ? 0 : 2}" fill="${s.titleColor}">${escapeXml(s.title)}</text>`
    : '';
  const footer = s.footer
    ? `<text x="${W / 2}" y="${H - 13}" text-anchor="middle" font-family="${SANS}" font-size="10" ` +
      `letter-spacing="1" fill="${s.footerColor}">${escapeXml(s.footer)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${s.background[0]}"/><stop offset="1" stop-color="${s.background[1]}"/>` +
    `</linearGradient><linearGradient id="shade" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="#ffffff" stop-opacity="0.18"/><stop offset="1" stop-color="#000000" stop-opacity="0.14"/>` +
    `</linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="#2b2d30"/>` +
    `<rect x="6" y="6" width="${W - 12}" height="${H - 12}" rx="9" fill="url(#bg)" stroke="#8d9096" stroke-width="2"/>` +
    `<circle cx="52" cy="17" r="3.2" fill="#8a8a8a"/><circle cx="${W - 52}" cy="17" r="3.2" fill="#8a8a8a"/>` +
    `<circle cx="52" cy="${H - 17}" r="3.2" fill="#8a8a8a"/><circle cx="${W - 52}" cy="${H - 17}" r="3.2" fill="#8a8a8a"/>` +
    title +
    plateChars(shown, W / 2, 88, W - 40, 54, s.text) +
    footer +
    `<rect x="6" y="6" width="${W - 12}" height="${H - 12}" rx="9" fill="url(#shade)"/>` +
    `</svg>`
  );
}

/** Paint colours by name (as classifiers report them). */
export const PAINT: Readonly<Record<string, string>> = {
  white: '#eeeeeb',
  black: '#1c1d20',
  gray: '#696c71',
  silver: '#b7babf',
  blue: '#2a4f8f',
  red: '#a8232a',
  brown: '#5a3d2b',
  beige: '#cbb993',
  green: '#2f5d3a',
  gold: '#b8963e',
  orange: '#d8692a',
  yellow: '#e2c33b',
};

interface BodyShape {
  /** Width of the lower body, height of the lower body and of the glasshouse above it. */
  width: number;
  body: number;
  cabin: number;
  /** Width of the roof as a fraction of the body. */
  roof: number;
  /** Pickups: the cab sits behind a flat tailgate. */
  tailgate?: boolean;
  /** Vans: one tall box with small rear windows. */
  box?: boolean;
}

const SHAPES: Readonly<Record<BodyType, BodyShape>> = {
  sedan: { width: 252, body: 68, cabin: 52, roof: 0.68 },
  coupe: { width: 250, body: 62, cabin: 44, roof: 0.6 },
  hatchback: { width: 238, body: 70, cabin: 62, roof: 0.76 },
  wagon: { width: 254, body: 72, cabin: 64, roof: 0.84 },
  suv: { width: 268, body: 92, cabin: 70, roof: 0.84 },
  minivan: { width: 270, body: 96, cabin: 82, roof: 0.9 },
  pickup: { width: 280, body: 90, cabin: 58, roof: 0.72, tailgate: true },
  van: { width: 272, body: 172, cabin: 0, roof: 0.96, box: true },
};

function shiftColor(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number): number => {
    const c = (n >> shift) & 0xff;
    const v = amount >= 0 ? c + (255 - c) * amount : c * (1 + amount);
    return Math.max(0, Math.min(255, Math.round(v)));
  };
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}

export interface VehicleImageOptions {
  /**
   * A caption for a timestamp strip along the bottom (e.g. "2026-01-01 08:15:02 PST · Main St &
   * Magnolia Ave EB"). Left out by default: a per-read caption makes every image unique, so the
   * image store can no longer deduplicate the regulars' pictures.
   */
  caption?: string;
}

/** The SVG of a rear view of `vehicle` on a road, its plate readable. */
export function vehicleSvg(vehicle: Pick<DemoVehicle, 'plate' | 'state' | 'make' | 'model' | 'color' | 'bodyType'>, options: VehicleImageOptions = {}): string {
  const { width: W, height: H } = VEHICLE_IMAGE_SIZE;
  const shape = SHAPES[vehicle.bodyType] ?? SHAPES.sedan;
  const paint = PAINT[vehicle.color] ?? PAINT.gray ?? '#696c71';
  const light = shiftColor(paint, 0.28);
  const dark = shiftColor(paint, -0.35);
  const cx = W / 2;
  const ground = 292;
  const tireH = 26;
  const bodyBottom = ground - 12;
  const bodyTop = bodyBottom - shape.body;
  const left = cx - shape.width / 2;
  const right = cx + shape.width / 2;
  const roofHalf = (shape.width * shape.roof) / 2;
  const cabinTop = bodyTop - shape.cabin;

  const parts: string[] = [];
  // Shadow and tyres.
  parts.push(`<ellipse cx="${cx}" cy="${ground + 2}" rx="${shape.width / 2 + 14}" ry="9" fill="#000" opacity="0.35"/>`);
  parts.push(`<rect x="${left + 12}" y="${ground - tireH}" width="34" height="${tireH}" rx="5" fill="#151515"/>`);
  parts.push(`<rect x="${right - 46}" y="${ground - tireH}" width="34" height="${tireH}" rx="5" fill="#151515"/>`);

  if (shape.box) {
    // Van: one tall box, two small rear windows, split doors.
    parts.push(`<rect x="${left}" y="${bodyTop}" width="${shape.width}" height="${shape.body}" rx="12" fill="url(#paint)"/>`);
    parts.push(`<rect x="${left + 24}" y="${bodyTop + 16}" width="${shape.width / 2 - 34}" height="46" rx="5" fill="url(#glass)"/>`);
    parts.push(`<rect x="${cx + 10}" y="${bodyTop + 16}" width="${shape.width / 2 - 34}" height="46" rx="5" fill="url(#glass)"/>`);
    parts.push(`<line x1="${cx}" y1="${bodyTop + 8}" x2="${cx}" y2="${bodyBottom - 30}" stroke="${dark}" stroke-width="2"/>`);
  } else {
    // Glasshouse: a trapezoid from the body up to the roof, with the rear window inside.
    const inset = shape.tailgate === true ? 34 : 12;
    const gl = left + inset;
    const gr = right - inset;
    parts.push(
      `<path d="M${gl} ${bodyTop + 2} L${cx - roofHalf} ${cabinTop + 6} Q${cx - roofHalf} ${cabinTop} ${cx - roofHalf + 8} ${cabinTop} ` +
        `L${cx + roofHalf - 8} ${cabinTop} Q${cx + roofHalf} ${cabinTop} ${cx + roofHalf} ${cabinTop + 6} L${gr} ${bodyTop + 2} Z" fill="url(#paint)"/>`,
    );
    const wTop = cabinTop + 7;
    const wBottom = bodyTop - 4;
    const wInsetTop = roofHalf - 10;
    const wInsetBottom = (gr - gl) / 2 - 14;
    parts.push(
      `<path d="M${cx - wInsetBottom} ${wBottom} L${cx - wInsetTop} ${wTop} L${cx + wInsetTop} ${wTop} L${cx + wInsetBottom} ${wBottom} Z" fill="url(#glass)"/>`,
    );
    // Third brake light.
    parts.push(`<rect x="${cx - 18}" y="${cabinTop + 2}" width="36" height="4" rx="2" fill="#d0262d"/>`);
    // Lower body (for pickups: the bed and tailgate).
    parts.push(`<rect x="${left}" y="${bodyTop}" width="${shape.width}" height="${shape.body}" rx="14" fill="url(#paint)"/>`);
  }

  // Tail lights, bumper, plate recess.
  const lampY = bodyTop + (shape.box === true ? 96 : 10);
  parts.push(`<rect x="${left + 8}" y="${lampY}" width="44" height="22" rx="6" fill="#b3161d" stroke="#5a0b0e" stroke-width="1.5"/>`);
  parts.push(`<rect x="${right - 52}" y="${lampY}" width="44" height="22" rx="6" fill="#b3161d" stroke="#5a0b0e" stroke-width="1.5"/>`);
  parts.push(`<rect x="${left + 4}" y="${bodyBottom - 20}" width="${shape.width - 8}" height="20" rx="8" fill="${dark}"/>`);
  const plateW = 84;
  const plateH = 42;
  const plateX = cx - plateW / 2;
  const plateY = bodyBottom - 22 - plateH;
  const style = plateStyle(vehicle.state);
  parts.push(`<rect x="${plateX - 4}" y="${plateY - 4}" width="${plateW + 8}" height="${plateH + 8}" rx="4" fill="${dark}"/>`);
  parts.push(`<rect x="${plateX}" y="${plateY}" width="${plateW}" height="${plateH}" rx="3" fill="${style.background[0]}" stroke="#777" stroke-width="1"/>`);
  if (style.title) {
    parts.push(
      `<text x="${cx}" y="${plateY + 10}" text-anchor="middle" font-family="${style.titleItalic ? SERIF : SANS}" ` +
        `font-style="${style.titleItalic ? 'italic' : 'normal'}" font-weight="bold" font-size="8" fill="${style.titleColor}">${escapeXml(style.title)}</text>`,
    );
  }
  parts.push(plateChars(displayPlate(vehicle.plate, vehicle.state), cx, plateY + 32, plateW - 10, 22, style.text));
  // Badges: make above the plate, model under the right tail light.
  const badgeY = plateY - 10;
  parts.push(
    `<text x="${cx}" y="${badgeY}" text-anchor="middle" font-family="${SANS}" font-weight="bold" font-size="11" ` +
      `letter-spacing="2" fill="${light}" stroke="${dark}" stroke-width="0.4">${escapeXml(vehicle.make.toUpperCase())}</text>`,
  );
  parts.push(
    `<text x="${right - 12}" y="${lampY + 36}" text-anchor="end" font-family="${SANS}" font-size="10" fill="${light}" ` +
      `stroke="${dark}" stroke-width="0.3">${escapeXml(vehicle.model)}</text>`,
  );

  const caption =
    options.caption === undefined
      ? ''
      : `<rect x="0" y="${H - 22}" width="${W}" height="22" fill="#000" opacity="0.62"/>` +
        `<text x="8" y="${H - 7}" font-family="${MONO}" font-size="12" fill="#f5f5f5">${escapeXml(options.caption)}</text>`;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs>` +
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb8df"/><stop offset="1" stop-color="#e3ebf2"/></linearGradient>` +
    `<linearGradient id="road" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6d6f72"/><stop offset="1" stop-color="#3c3e41"/></linearGradient>` +
    `<linearGradient id="paint" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="0.55" stop-color="${paint}"/><stop offset="1" stop-color="${dark}"/></linearGradient>` +
    `<linearGradient id="glass" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5b6c7d"/><stop offset="1" stop-color="#1d252d"/></linearGradient>` +
    `</defs>` +
    `<rect width="${W}" height="${H}" fill="url(#sky)"/>` +
    // Distant hills (the valley is ringed by them) and low buildings.
    `<path d="M0 120 Q60 88 130 104 T260 96 T390 100 T480 92 L480 150 L0 150 Z" fill="#a7a58f" opacity="0.8"/>` +
    `<rect x="14" y="112" width="70" height="38" fill="#c9c2b4"/><rect x="96" y="124" width="52" height="26" fill="#bdb5a6"/>` +
    `<rect x="330" y="118" width="64" height="32" fill="#c4bcae"/><rect x="404" y="106" width="62" height="44" fill="#d2cbbd"/>` +
    // The road, a lane line and the curb.
    `<path d="M0 150 L480 150 L480 ${H} L0 ${H} Z" fill="url(#road)"/>` +
    `<path d="M0 150 L480 150 L480 156 L0 156 Z" fill="#9c9a94"/>` +
    `<path d="M234 156 L246 156 L262 ${H} L218 ${H} Z" fill="#e8e2c8" opacity="0.55"/>` +
    parts.join('') +
    caption +
    `</svg>`
  );
}

async function svgToJpeg(svg: string, quality: number): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}

const plateCache = new LruCache<string, Promise<Buffer>>(500);
const vehicleCache = new LruCache<string, Promise<Buffer>>(200);

function cached(cache: LruCache<string, Promise<Buffer>>, key: string, render: () => Promise<Buffer>): Promise<Buffer> {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const pending = render();
  cache.set(key, pending);
  // A failed render must not poison the cache.
  pending.catch(() => cache.delete(key));
  return pending;
}

/** A JPEG plate crop (240x120) styled after `state`'s plate (California: red script, blue characters). */
export function renderPlateImage(plate: string, state: string): Promise<Buffer> {
  return cached(plateCache, `${state}:${plate}`, () => svgToJpeg(plateSvg(plate, state), 82));
}

/** A JPEG rear view (480x320) of the vehicle in its colour, its plate on the bumper. */
export function renderVehicleImage(
  vehicle: Pick<DemoVehicle, 'plate' | 'state' | 'make' | 'model' | 'color' | 'bodyType'>,
  options: VehicleImageOptions = {},
): Promise<Buffer> {
  if (options.caption !== undefined) return svgToJpeg(vehicleSvg(vehicle, options), 78);
  const key = [vehicle.make, vehicle.model, vehicle.bodyType, vehicle.color, vehicle.state, vehicle.plate].join('|');
  return cached(vehicleCache, key, () => svgToJpeg(vehicleSvg(vehicle), 78));
}

/** Empty both render caches (tests and benchmarks). */
export function clearImageCaches(): void {
  plateCache.clear();
  vehicleCache.clear();
}
