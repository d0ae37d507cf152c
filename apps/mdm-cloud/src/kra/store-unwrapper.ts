import type { KeyStore, RsaKeyUnwrapper } from '@certlab/pki-core';

/**
 * CMS key unwrapping with a key that never leaves its store: raw RSA for PKCS#1 v1.5 (pki-core
 * strips the padding with implicit rejection) and WebCrypto RSA-OAEP on the store's
 * non-extractable key.
 */
export async function storeUnwrapper(store: KeyStore, name: string): Promise<RsaKeyUnwrapper> {
  const info = await store.info(name);
  if (info.spec.kind !== 'rsa') throw new TypeError(`key ${name} is not RSA`);
  const modulusBytes = Math.ceil(info.spec.bits / 8);
  return {
    modulusBytes,
    decryptRaw: (ciphertext) => store.decryptRaw(name, ciphertext),
    async decryptOaep(ciphertext, hash) {
      const { privateKey } = await store.getKeyPair(name, { name: 'RSA-OAEP', hash });
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, new Uint8Array(ciphertext)));
    },
  };
}
