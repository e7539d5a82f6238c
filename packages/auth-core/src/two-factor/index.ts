/** The second factor's library part: TOTP (RFC 6238) and recovery codes. */
export { RECOVERY_CODE_COUNT, generateRecoveryCodes, recoveryCodeDigest } from './recovery-codes.js';
export { qrSvg } from './qr-svg.js';
export { generateTotpSecret, otpauthUri, totpCode, verifyTotp, type TotpCheck } from './totp.js';
