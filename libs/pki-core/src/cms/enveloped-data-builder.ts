import '../crypto-provider';
import { defaultCrypto } from '../crypto-provider';
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  CMSVersion,
  ContentEncryptionAlgorithmIdentifier,
  EncryptedContent,
  EncryptedContentInfo,
  EnvelopedData,
  KeyEncryptionAlgorithmIdentifier,
  KeyTransRecipientInfo,
  RecipientIdentifier,
  RecipientInfo,
  RecipientInfos,
} from '@peculiar/asn1-cms';
import { RsaEsOaepParams } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { toArrayBuffer } from '../encoding/bytes';
import {
  CMS_OIDS,
  CONTENT_CIPHERS,
  DIGESTS,
  KEY_WRAPS,
  OID_MGF1,
  OID_RSA_ENCRYPTION,
  OID_RSAES_OAEP,
  type KeyWrap,
  type WritableContentCipher,
} from './algorithms';
import { certificateRef, encodeDer, issuerAndSerialNumberOf } from './asn1';
import { encryptContent, withDesParity } from './content-cipher';
import { wrapContentInfo } from './signed-data-builder';

export interface CmsRecipient {
  /** DER of the recipient's RSA certificate. */
  readonly certificate: Uint8Array;
  /** Defaults to rsa-pkcs1, which every SCEP client and server reads. */
  readonly keyWrap?: KeyWrap;
}

export interface EncryptCmsOptions {
  readonly content: Uint8Array;
  /** The encrypted content's type; defaults to id-data (SCEP uses id-data for its envelopes). */
  readonly contentType?: string;
  readonly recipients: readonly CmsRecipient[];
  readonly cipher: WritableContentCipher;
}

/** Builds a CMS ContentInfo/EnvelopedData (RFC 5652 §6) with KeyTransRecipientInfos and returns its DER. */
export async function encryptCms(options: EncryptCmsOptions, crypto: Crypto = defaultCrypto): Promise<Uint8Array> {
  if (options.recipients.length === 0) throw new TypeError('EnvelopedData needs at least one recipient');
  const spec = CONTENT_CIPHERS[options.cipher];
  let cek: Uint8Array = crypto.getRandomValues(new Uint8Array(spec.keyBytes));
  if (options.cipher === 'des-ede3-cbc') cek = withDesParity(cek);
  const iv = crypto.getRandomValues(new Uint8Array(spec.ivBytes));
  const encrypted = encryptContent(options.cipher, cek, iv, options.content);

  const recipientInfos = options.recipients.map((r) => {
    const ref = certificateRef(r.certificate);
    const wrap = r.keyWrap ?? 'rsa-pkcs1';
    const publicKey = createPublicKey({ key: Buffer.from(ref.spkiDer), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'rsa') throw new TypeError('key transport needs an RSA recipient certificate');
    const oaepHash = KEY_WRAPS[wrap].hash;
    // Node refuses PKCS#1 v1.5 decryption only; encryption with the public key is still allowed.
    const encryptedKey = publicEncrypt(
      oaepHash
        ? { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash === 'SHA-1' ? 'sha1' : 'sha256' }
        : { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      cek,
    );
    return new RecipientInfo({
      ktri: new KeyTransRecipientInfo({
        // RFC 5652 §6.2.1: version 0 with issuerAndSerialNumber.
        version: CMSVersion.v0,
        rid: new RecipientIdentifier({ issuerAndSerialNumber: issuerAndSerialNumberOf(ref) }),
        keyEncryptionAlgorithm: keyEncryptionAlgorithm(wrap),
        encryptedKey: new OctetString(toArrayBuffer(encryptedKey)),
      }),
    });
  });

  const enveloped = new EnvelopedData({
    // RFC 5652 §6.1: version 0 when there is no originatorInfo, no unprotectedAttrs and every RecipientInfo is v0 ktri.
    version: CMSVersion.v0,
    recipientInfos: new RecipientInfos(recipientInfos),
    encryptedContentInfo: new EncryptedContentInfo({
      contentType: options.contentType ?? CMS_OIDS.data,
      contentEncryptionAlgorithm: new ContentEncryptionAlgorithmIdentifier({
        algorithm: spec.oid,
        parameters: encodeDer(new OctetString(toArrayBuffer(iv))).buffer as ArrayBuffer,
      }),
      encryptedContent: new EncryptedContent({ value: new OctetString(toArrayBuffer(encrypted)) }),
    }),
  });
  return wrapContentInfo(CMS_OIDS.envelopedData, enveloped);
}

function keyEncryptionAlgorithm(wrap: KeyWrap): KeyEncryptionAlgorithmIdentifier {
  const hash = KEY_WRAPS[wrap].hash;
  if (!hash) {
    // RFC 3370 §4.2.1: rsaEncryption with NULL parameters.
    return new KeyEncryptionAlgorithmIdentifier({ algorithm: OID_RSA_ENCRYPTION, parameters: null });
  }
  // RFC 4055 §4.1: SHA-1 / MGF1-SHA-1 are the defaults and are omitted (an empty SEQUENCE).
  const params =
    hash === 'SHA-1'
      ? new RsaEsOaepParams({})
      : new RsaEsOaepParams({
          hashAlgorithm: new AlgorithmIdentifier({ algorithm: DIGESTS[hash].oid, parameters: null }),
          maskGenAlgorithm: new AlgorithmIdentifier({
            algorithm: OID_MGF1,
            parameters: AsnConvert.serialize(new AlgorithmIdentifier({ algorithm: DIGESTS[hash].oid, parameters: null })),
          }),
        });
  return new KeyEncryptionAlgorithmIdentifier({ algorithm: OID_RSAES_OAEP, parameters: AsnConvert.serialize(params) });
}
