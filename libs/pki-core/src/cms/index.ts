export {
  CMS_OIDS,
  CONTENT_CIPHERS,
  KEY_WRAPS,
  type ContentCipher as CmsContentCipher,
  type WritableContentCipher as CmsWritableContentCipher,
  type KeyWrap as CmsKeyWrap,
  type OaepHash as CmsOaepHash,
} from './algorithms';
export type { CmsIdentifier } from './asn1';
export { type CmsSignatureKey, signatureKeyFromCryptoKey, signatureKeyFromKeyObject } from './signature';
export { signCms, buildCertsOnly, type CmsAttribute, type CmsSignerOptions, type SignCmsOptions } from './signed-data-builder';
export { SignedCms, readCertsOnly, type CmsSignerInfoView, type CmsVerifyOptions } from './signed-data';
export { encryptCms, type CmsRecipient, type EncryptCmsOptions } from './enveloped-data-builder';
export { EnvelopedCms, type CmsKeyTransRecipientView } from './enveloped-data';
export { type RsaKeyUnwrapper, rsaUnwrapperFromKey, unwrapPkcs1v15 } from './rsa-unwrap';
