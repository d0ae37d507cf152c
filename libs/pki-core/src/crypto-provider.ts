import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

/**
 * pki-core runs on Node's built-in WebCrypto: it is ~3x faster than the @peculiar/webcrypto
 * polyfill and does not block the event loop. @peculiar/x509 and pkijs each keep a global
 * engine; both are pointed at the same provider once, here, and every module that needs
 * crypto imports this file first. Functions that do crypto still take a `crypto` parameter
 * (defaulting to this one) so a test or a simulated HSM can pass its own.
 */
export const defaultCrypto: Crypto = webcrypto as unknown as Crypto;

x509.cryptoProvider.set(defaultCrypto);
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: defaultCrypto }));

export { x509, pkijs };
