import { createPrivateKey, createPublicKey } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_data, id_encryptedData, id_envelopedData, id_signedData } from '@peculiar/asn1-cms';
import {
  AuthenticatedSafe,
  CertBag,
  id_certBag,
  id_CRLBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_SafeContents,
  id_SecretBag,
  id_x509Certificate,
  PFX,
  PKCS8ShroudedKeyBag,
  SafeBag,
  SafeContents,
} from '@peculiar/asn1-pfx';
import { PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { Certificate } from '@peculiar/asn1-x509';
import { defaultCrypto } from '../crypto-provider';
import { bytesEqual } from '../encoding/bytes';
import { PkiFormatError, PkiVerificationError } from '../errors';
import { ID_PBES2, MAC_DIGESTS, PKCS12_PBE_SCHEMES, lookup } from './algorithms';
import { octetStringValue, parseAs, Pkcs7EncryptedData } from './asn1';
import { readBagAttributes, type BagAttributes } from './bags';
import { verifyMacData } from './mac';
import { pbeDecrypt, type PbePassword } from './pbe';

/** Things worth telling an admin about a file that was nevertheless read. */
export const Pkcs12Warning = {
  noMac: 'the file has no integrity MAC: nothing proves it was not altered',
  multipleKeys: 'the file holds more than one private key; only the first is used',
  leafByPublicKey: 'no certificate carries the key\'s localKeyId; the leaf was matched by public key',
  keyWithoutCertificate: 'no certificate in the file matches the private key',
  ignoredBags: 'the file holds CRL, secret or unknown bags, which were ignored',
} as const;
export type Pkcs12Warning = keyof typeof Pkcs12Warning;

export interface Pkcs12Certificate {
  /** DER of the X.509 certificate. */
  readonly der: Uint8Array;
  readonly friendlyName?: string;
  readonly localKeyId?: Uint8Array;
}

export interface Pkcs12Integrity {
  /** `mac` when the MAC was present and verified; `none` for a `-nomac` file. */
  readonly mode: 'mac' | 'none';
  /** e.g. `SHA-256`, for a verified MAC. */
  readonly macDigest?: string;
  readonly macIterations?: number;
}

interface ParsedKey {
  der: Uint8Array;
  attrs: BagAttributes;
}

interface Collected {
  keys: ParsedKey[];
  certs: Pkcs12Certificate[];
  ignored: number;
  /** Encryption algorithms met, for reports (`PBES2`, `pbewithSHAAnd40BitRC2-CBC`, …). */
  algorithms: Set<string>;
}

const STRUCTURE = 'PKCS#12';
const MAX_NESTING = 4;

/**
 * A PKCS#12 file (RFC 7292), read and decrypted. Parsing verifies the MAC before anything is
 * decrypted, so a wrong password is one PkiVerificationError, never a decryption artefact.
 * Instances are read-only views; build new files with `buildPkcs12`.
 */
export class Pkcs12 {
  private constructor(
    /** The file as given. */
    readonly der: Uint8Array,
    /** The private key as PKCS#8 PrivateKeyInfo DER, if the file has one. */
    readonly privateKey: Uint8Array | undefined,
    /** The certificate of the private key (by localKeyId, else by public key), or the first one. */
    readonly certificate: Pkcs12Certificate | undefined,
    /** Every other certificate, in file order (typically the chain). */
    readonly otherCertificates: readonly Pkcs12Certificate[],
    /** The key bag's friendlyName, else the leaf's. */
    readonly friendlyName: string | undefined,
    readonly integrity: Pkcs12Integrity,
    readonly warnings: readonly Pkcs12Warning[],
    /** Names of the encryption schemes the file used, e.g. `PBES2`, `pbeWithSHAAnd3-KeyTripleDES-CBC`. */
    readonly encryptionAlgorithms: readonly string[],
  ) {
    Object.freeze(this);
  }

  get hasPrivateKey(): boolean {
    return this.privateKey !== undefined;
  }

  /** All certificates, leaf first. */
  get certificates(): readonly Pkcs12Certificate[] {
    return this.certificate ? [this.certificate, ...this.otherCertificates] : this.otherCertificates;
  }

  /** The private key, or a PkiFormatError for a certificates-only file (the import tool refuses those). */
  requirePrivateKey(): Uint8Array {
    if (!this.privateKey) throw new PkiFormatError(STRUCTURE, 'the file contains no private key');
    return this.privateKey;
  }

  /**
   * Parses and decrypts `der` with `password`. Throws PkiFormatError for anything that is not a
   * well-formed, supported PFX, and PkiVerificationError "wrong password or corrupt file" when
   * the MAC (or, in a file without one, the decryption) fails.
   */
  static async parse(der: Uint8Array, password: string, crypto: Crypto = defaultCrypto): Promise<Pkcs12> {
    const pfx = parseAs(der, PFX, 'PFX');
    if (pfx.version !== 3) throw new PkiFormatError(STRUCTURE, `PFX version ${pfx.version}, expected 3`);
    if (pfx.authSafe.contentType === id_signedData) {
      throw new PkiFormatError(STRUCTURE, 'public-key integrity mode (signed authSafe) is not supported');
    }
    if (pfx.authSafe.contentType !== id_data) {
      throw new PkiFormatError(STRUCTURE, `authSafe content type ${pfx.authSafe.contentType} is not id-data`);
    }
    const authSafeContent = octetStringValue(pfx.authSafe.content, 'authSafe content');

    const warnings: Pkcs12Warning[] = [];
    let integrity: Pkcs12Integrity;
    let pbePassword: PbePassword = { text: password };
    // asn1-pfx leaves its default empty MacData in place when the optional field is absent.
    const hasMac = pfx.macData !== undefined && pfx.macData.mac.digest.byteLength > 0;
    if (hasMac) {
      const bmp = await verifyMacData(pfx.macData, authSafeContent, password, crypto);
      pbePassword = { text: password, bmp };
      const digest = lookup(MAC_DIGESTS, pfx.macData.mac.digestAlgorithm.algorithm);
      integrity = { mode: 'mac', macDigest: digest?.name, macIterations: pfx.macData.iterations };
    } else {
      integrity = { mode: 'none' };
      warnings.push('noMac');
    }

    const collected: Collected = { keys: [], certs: [], ignored: 0, algorithms: new Set() };
    const reader = new ContentsReader(pbePassword, hasMac, collected, crypto);
    const safe = parseAs(authSafeContent, AuthenticatedSafe, 'AuthenticatedSafe');
    for (const info of safe) {
      if (info.contentType === id_data) {
        await reader.readSafeContents(octetStringValue(info.content, 'SafeContents'), 0);
      } else if (info.contentType === id_encryptedData) {
        await reader.readEncryptedData(info.content);
      } else if (info.contentType === id_envelopedData) {
        throw new PkiFormatError(STRUCTURE, 'public-key privacy mode (enveloped SafeContents) is not supported');
      } else {
        throw new PkiFormatError(STRUCTURE, `AuthenticatedSafe holds unexpected content type ${info.contentType}`);
      }
    }

    if (collected.keys.length > 1) warnings.push('multipleKeys');
    if (collected.ignored > 0) warnings.push('ignoredBags');
    const key = collected.keys[0];
    let leafIndex = -1;
    if (key) {
      const id = key.attrs.localKeyId;
      if (id) leafIndex = collected.certs.findIndex((c) => c.localKeyId && bytesEqual(c.localKeyId, id));
      if (leafIndex === -1) {
        leafIndex = matchByPublicKey(key.der, collected.certs);
        warnings.push(leafIndex === -1 ? 'keyWithoutCertificate' : 'leafByPublicKey');
      }
    } else if (collected.certs.length > 0) {
      leafIndex = 0;
    }
    const certs = collected.certs.map((c) => Object.freeze(c));
    const leaf = leafIndex === -1 ? undefined : certs[leafIndex];
    return new Pkcs12(
      der,
      key?.der,
      leaf,
      Object.freeze(certs.filter((_, i) => i !== leafIndex)),
      key?.attrs.friendlyName ?? leaf?.friendlyName,
      Object.freeze(integrity),
      Object.freeze(warnings),
      Object.freeze([...collected.algorithms]),
    );
  }
}

/** Walks SafeContents, decrypting as it goes; keeps the parse function above readable. */
class ContentsReader {
  constructor(
    private readonly password: PbePassword,
    /** With a verified MAC, undecodable plaintext means a corrupt file, not a wrong password. */
    private readonly macVerified: boolean,
    private readonly out: Collected,
    private readonly crypto: Crypto,
  ) {}

  /**
   * Plaintext that does not parse after decryption: without a MAC, the padding check passes for
   * about 1 wrong password in 256, so this too is reported as a possible wrong password.
   */
  private parseDecrypted<T>(plain: Uint8Array, type: new () => T, what: string): T {
    try {
      return parseAs(plain, type, what);
    } catch (e) {
      if (this.macVerified) throw e;
      throw new PkiVerificationError(STRUCTURE, `cannot decrypt ${what}: wrong password or corrupt file`, { cause: e });
    }
  }

  async readEncryptedData(content: ArrayBuffer): Promise<void> {
    const ed = parseAs(content, Pkcs7EncryptedData, 'EncryptedData');
    const eci = ed.encryptedContentInfo;
    if (eci.contentType !== id_data) {
      throw new PkiFormatError(STRUCTURE, `EncryptedData content type ${eci.contentType} is not id-data`);
    }
    const enc = eci.encryptedContent;
    const ciphertext = enc?.value
      ? new Uint8Array(enc.value.buffer)
      : Buffer.concat((enc?.constructedValue ?? []).map((o) => new Uint8Array(o.buffer)));
    const algorithm = eci.contentEncryptionAlgorithm;
    this.out.algorithms.add(algorithmName(algorithm.algorithm));
    const plain = await pbeDecrypt(algorithm, this.password, new Uint8Array(ciphertext), 'encrypted SafeContents', this.crypto);
    await this.readSafeContents(plain, 0, true);
  }

  async readSafeContents(der: Uint8Array, depth: number, decrypted = false): Promise<void> {
    if (depth > MAX_NESTING) throw new PkiFormatError(STRUCTURE, 'SafeContents nested too deeply');
    const contents = decrypted ? this.parseDecrypted(der, SafeContents, 'SafeContents') : parseAs(der, SafeContents, 'SafeContents');
    for (const bag of contents) await this.readBag(bag, depth);
  }

  private async readBag(bag: SafeBag, depth: number): Promise<void> {
    const attrs = readBagAttributes(bag.bagAttributes);
    switch (bag.bagId) {
      case id_keyBag: {
        const info = parseAs(bag.bagValue, PrivateKeyInfo, 'KeyBag');
        this.out.keys.push({ der: new Uint8Array(AsnConvert.serialize(info)), attrs });
        return;
      }
      case id_pkcs8ShroudedKeyBag: {
        const shrouded = parseAs(bag.bagValue, PKCS8ShroudedKeyBag, 'PKCS8ShroudedKeyBag');
        const algorithm = shrouded.encryptionAlgorithm;
        this.out.algorithms.add(algorithmName(algorithm.algorithm));
        const plain = await pbeDecrypt(
          algorithm,
          this.password,
          new Uint8Array(shrouded.encryptedData.buffer),
          'shrouded key bag',
          this.crypto,
        );
        // Keep the decrypted bytes as they are: they are the PKCS#8 the writer encrypted.
        this.parseDecrypted(plain, PrivateKeyInfo, 'decrypted private key');
        this.out.keys.push({ der: plain, attrs });
        return;
      }
      case id_certBag: {
        const certBag = parseAs(bag.bagValue, CertBag, 'CertBag');
        if (certBag.certId !== id_x509Certificate) {
          this.out.ignored++;
          return;
        }
        const der = octetStringValue(certBag.certValue, 'CertBag certValue');
        parseAs(der, Certificate, 'certificate in CertBag');
        this.out.certs.push({ der, ...attrs });
        return;
      }
      case id_SafeContents:
        await this.readSafeContents(new Uint8Array(bag.bagValue), depth + 1);
        return;
      case id_CRLBag:
      case id_SecretBag:
      default:
        this.out.ignored++;
    }
  }
}

function algorithmName(oid: string): string {
  if (oid === ID_PBES2) return 'PBES2';
  return lookup(PKCS12_PBE_SCHEMES, oid)?.name ?? oid;
}

/** The SubjectPublicKeyInfo of a PKCS#8 key, or undefined for a key node:crypto cannot read. */
export function publicKeyOf(pkcs8: Uint8Array): Uint8Array | undefined {
  try {
    const pub = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }));
    return new Uint8Array(pub.export({ format: 'der', type: 'spki' }));
  } catch {
    return undefined;
  }
}

export function spkiOf(certDer: Uint8Array): Uint8Array {
  const cert = parseAs(certDer, Certificate, 'certificate');
  return new Uint8Array(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
}

function matchByPublicKey(pkcs8: Uint8Array, certs: readonly Pkcs12Certificate[]): number {
  const spki = publicKeyOf(pkcs8);
  if (!spki) return -1;
  return certs.findIndex((c) => bytesEqual(spkiOf(c.der), spki));
}
