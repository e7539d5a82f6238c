/** Encryption at rest for what the database must not hold in clear (outbox bodies, TOTP secrets): AES-256-GCM under DATA_KEYS. */
export { DataKeysError, generateDataKey, parseDataKeys, type DataKey, type DataKeyring } from './keyring.js';
export { openData, sealData } from './seal.js';
