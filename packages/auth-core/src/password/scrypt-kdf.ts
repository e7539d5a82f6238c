import * as scryptKdfModule from 'scrypt-kdf';

/** The parts of scrypt-kdf auth-core uses. */
interface ScryptKdf {
  kdf(passphrase: string | Uint8Array, params: { logN: number; r?: number; p?: number }): Promise<Uint8Array>;
  verify(key: Uint8Array, passphrase: string | Uint8Array): Promise<boolean>;
  viewParams(key: Uint8Array): { logN: number; r: number; p: number };
}

/**
 * scrypt-kdf 4.0.0's type declarations name `kdf`, `verify`, … as exports, but its JavaScript
 * only has `export default Scrypt`. Node gives the class as the namespace's `default`; take it
 * from there (and fall back to the namespace, should a later release match its types).
 */
const namespace = scryptKdfModule as unknown as ScryptKdf & { default?: ScryptKdf };
export const Scrypt: ScryptKdf = namespace.default ?? namespace;
