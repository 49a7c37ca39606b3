/** Public API: Chinese identifier validation, synthetic identifier generation and the ID-number vault. */
export { DIVISIONS, isPlausibleDivisionCode } from './divisions';
export { createIdNumberVault, parseKey, type IdNumberVault, type IdNumberVaultKeys } from './id-number-vault';
export { randomResidentId, randomUscc, type UsccKind } from './random-identifiers';
export {
  MIN_BIRTH_YEAR,
  isValidResidentId,
  makeResidentId,
  residentIdCheckCharacter,
  validateResidentId,
  type ResidentIdCheck,
  type ResidentIdInvalidReason,
} from './resident-id';
export { createRng, type Rng } from './rng';
export {
  USCC_CHARSET,
  isValidUscc,
  makeUscc,
  orgCodeCheckCharacter,
  usccCheckCharacter,
  validateUscc,
  type UsccCheck,
  type UsccInvalidReason,
} from './uscc';
export { USCC_AUTHORITIES, type UsccAuthority } from './uscc-registry';
