import type { KeyStore, RsaKeyUnwrapper } from '@certlab/pki-core';

/**
 * Opens a CertRep envelope with a key that stays in its store: raw RSA for PKCS#1 v1.5 (pki-core
 * strips the padding with implicit rejection), WebCrypto OAEP on the store's key otherwise. The
 * simulated TPM never hands out its keys, so this is the only way a TPM key can decrypt.
 */
export async function storeUnwrapper(store: KeyStore, name: string): Promise<RsaKeyUnwrapper> {
  const info = await store.info(name);
  if (info.spec.kind !== 'rsa') throw new TypeError(`key ${name} is not RSA: it cannot open a SCEP envelope`);
  return {
    modulusBytes: Math.ceil(info.spec.bits / 8),
    decryptRaw: (ciphertext) => store.decryptRaw(name, ciphertext),
    async decryptOaep(ciphertext, hash) {
      const { privateKey } = await store.getKeyPair(name, { name: 'RSA-OAEP', hash });
      return new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, new Uint8Array(ciphertext)));
    },
  };
}
