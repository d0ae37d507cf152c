import { defaultCrypto } from '../../crypto-provider';
import { DirectoryKeyStorage, type KeyStorage } from './storage';
import { DEFAULT_KDF, type KdfParams, type KeyStoreSecret, Sealer } from './sealing';
import { HEADER_ENTRY } from './sealed-key-store';

/** Where a store lives: a directory (the apps) or an injected storage port (tests). */
export type KeyStoreLocation = { readonly directory: string } | { readonly storage: KeyStorage; readonly label?: string };

export interface OpenedStorage {
  storage: KeyStorage;
  location: string;
  sealer: Sealer;
}

export async function openStorage(
  location: KeyStoreLocation,
  backend: string,
  secret: KeyStoreSecret,
  kdf: KdfParams = DEFAULT_KDF,
  crypto: Crypto = defaultCrypto,
): Promise<OpenedStorage> {
  const storage = 'directory' in location ? new DirectoryKeyStorage(location.directory) : location.storage;
  const label = 'directory' in location ? location.directory : (location.label ?? 'injected storage');
  const { sealer, header } = await Sealer.unlock(await storage.read(HEADER_ENTRY), backend, secret, kdf, crypto);
  if (header) await storage.write(HEADER_ENTRY, header);
  return { storage, location: label, sealer };
}
