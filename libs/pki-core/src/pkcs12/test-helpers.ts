import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import { AuthenticatedSafe, CertBag, id_certBag, id_keyBag, id_x509Certificate, PFX, SafeBag, SafeContents } from '@peculiar/asn1-pfx';

/**
 * Test-only: an unencrypted PFX without MAC or bag attributes (a plain keyBag and certBags), the
 * shape no tool writes by default. It reaches the leaf-by-public-key path, and as a fuzzing seed
 * every mutated byte lands in structure the parser must read, not in ciphertext.
 */
export function plainPfx(certs: readonly Uint8Array[], pkcs8: Uint8Array): Uint8Array {
  const certBag = (der: Uint8Array) =>
    new SafeBag({
      bagId: id_certBag,
      bagValue: AsnConvert.serialize(
        new CertBag({ certId: id_x509Certificate, certValue: AsnConvert.serialize(new OctetString(der)) }),
      ),
    });
  const contents = new SafeContents([...certs.map(certBag), new SafeBag({ bagId: id_keyBag, bagValue: pkcs8.slice().buffer })]);
  const dataInfo = (der: ArrayBuffer) =>
    new ContentInfo({ contentType: id_data, content: AsnConvert.serialize(new OctetString(der)) });
  const authSafe = AsnConvert.serialize(new AuthenticatedSafe([dataInfo(AsnConvert.serialize(contents))]));
  const pfx = new PFX({ version: 3, authSafe: dataInfo(authSafe) });
  // asn1-pfx puts an empty MacData in by default; absent is what this file is about.
  Reflect.deleteProperty(pfx, 'macData');
  return new Uint8Array(AsnConvert.serialize(pfx));
}
