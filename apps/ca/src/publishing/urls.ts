/** Where the CA publishes over plain HTTP, as written into every certificate's CDP and AIA. */
export function publicUrls(base: string) {
  const root = base.replace(/\/+$/, '');
  return {
    crl: (ca: string) => `${root}/crl/${ca}.crl`,
    aia: (ca: string) => `${root}/aia/${ca}.crt`,
    ocsp: `${root}/ocsp`,
  };
}
