/** The second factor: TOTP with recovery codes, sealed with DATA_KEYS. */
export { SecondFactor, type SecondFactorCheck } from './second-factor.js';
