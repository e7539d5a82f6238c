/** Single-use tokens for mailed links: 256 bits, stored only as SHA-256. */
export { createSecretToken, digestToken } from './secret-token.js';
