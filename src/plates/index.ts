/** Plate text: normalization, state formats, OCR confusion and partial-plate patterns. Pure, no I/O. */
export { normalizePlate, normalizeRegion, PLATE_MAX_LENGTH } from './normalize.js';
export { CA_REGIONS, US_REGIONS } from './regions.js';
export {
  isPlausiblePlate,
  matchesStandardFormat,
  STATE_FORMATS,
  validatePlateForState,
  type PlateCheck,
  type PlateCheckStatus,
  type PlateFormat,
} from './states.js';
export {
  CONFUSION_CLASSES,
  confusableVariants,
  confusionDistance,
  confusionKey,
  editDistance,
  MAX_SUBSTITUTIONS,
} from './confusion.js';
export {
  literalPrefix,
  matchesPattern,
  parsePlatePattern,
  PATTERN_MAX_LENGTH,
  patternToRegExp,
  patternToSqlLike,
  patternToSqlLikeAll,
  PlatePatternError,
  type PlatePattern,
  type PlatePatternErrorId,
  type PlatePatternMode,
} from './wildcard.js';
