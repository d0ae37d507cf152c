import { beforeAll, describe, expect, it } from 'vitest';
import { PkiVerificationError } from '../errors';
import { encodeDer } from '../cms/asn1';
import { certificateRef } from '../cms/asn1';
import { PkiMessage, type CertRepMessage, type PkcsReqMessage } from './pki-message';
import { readCertRep } from './client';
import { buildCertPoll, buildPkcsReq, buildRenewalReq, buildGetCert, buildGetCrl, transactionIdForCsr } from './requests';
import { FAIL_INFO, type ScepFailInfo } from './wire';
import { issueForCsr, scepWorld, spkiOf, type ScepWorld } from './test-fixtures';
import { issued } from '../cms/test-helpers';
import { x509 } from '../crypto-provider';

let w: ScepWorld;
beforeAll(async () => {
  w = await scepWorld();
});

async function pkcsReq(opts: Partial<Parameters<typeof buildPkcsReq>[0]> = {}) {
  return buildPkcsReq({ csrDer: w.csrDer, signerCert: w.client.der, signerKey: w.clientKey.keys.privateKey, recipientCert: w.ra.der, ...opts });
}

function asCertRep(der: Uint8Array): CertRepMessage {
  const msg = PkiMessage.parse(der);
  if (msg.messageType !== 'CertRep') throw new Error(`expected CertRep, got ${msg.messageType}`);
  return msg;
}

describe('SCEP enrollment in memory', () => {
  it('ok/PKCSReq → server verifies, decrypts with the RA unwrapper, issues → CertRep SUCCESS → client gets its certificate', async () => {
    const request = await pkcsReq();
    expect(request.model.transactionId).toBe(await transactionIdForCsr(w.csrDer));
    expect(request.model.transactionId).toMatch(/^[0-9A-F]{64}$/);

    // Server side
    const sut = PkiMessage.parse(request.der);
    expect(sut.messageType).toBe('PKCSReq');
    const req = sut as PkcsReqMessage;
    expect(req.der).toBe(request.der);
    expect(req.transactionId).toBe(request.model.transactionId);
    expect(req.senderNonce).toEqual(request.model.senderNonce);
    expect(await req.verify()).toEqual(w.client.der);
    const csr = await req.decryptEnvelope(w.raUnwrapper);
    expect(csr).toEqual(w.csrDer);
    const cert = await issueForCsr(w, csr);
    const reply = await req.success({ issuedCerts: [cert], raSigner: w.raSigner, extraCertificates: [w.ca.der] });
    expect(reply.model).toMatchObject({ messageType: 'CertRep', pkiStatus: 'SUCCESS', transactionId: req.transactionId, recipientNonce: req.senderNonce, certificates: [cert] });
    expect(reply.model.senderNonce).toHaveLength(16);
    expect(reply.model.senderNonce).not.toEqual(req.senderNonce);

    // Client side
    const rep = asCertRep(reply.der);
    expect(await rep.verify(w.ra.der)).toEqual(w.ra.der);
    rep.checkAnswers(request.model);
    expect(rep.pkiStatus).toBe('SUCCESS');
    expect(rep.senderNonce).toEqual(reply.model.senderNonce);
    expect(rep.envelope?.cipher).toBe('aes-256-cbc');
    const { certificates } = await rep.decryptEnvelope(w.clientUnwrapper);
    expect(certificates).toEqual([cert]);
    expect(await spkiOf(certificates[0])).toEqual(await spkiOf(w.client.der));
  });

  it.each([
    ['ok/3DES client gets a 3DES reply', 'des-ede3-cbc', 'des-ede3-cbc'],
    ['ok/AES-128 client gets an AES-256 reply', 'aes-128-cbc', 'aes-256-cbc'],
  ] as const)('%s', async (_name, clientCipher, replyCipher) => {
    const req = PkiMessage.parse((await pkcsReq({ cipher: clientCipher })).der) as PkcsReqMessage;
    expect(req.envelope?.cipher).toBe(clientCipher);
    const reply = await req.success({ issuedCerts: [await issueForCsr(w, w.csrDer)], raSigner: w.raSigner });
    expect(asCertRep(reply.der).envelope?.cipher).toBe(replyCipher);
  });

  it('ok/SHA-512 request gets a SHA-512 signed reply with OAEP mirrored', async () => {
    const key = await crypto.subtle.importKey('pkcs8', w.clientKey.pkcs8.slice().buffer, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, false, ['sign']);
    const req = PkiMessage.parse((await pkcsReq({ hash: 'SHA-512', signerKey: key, keyWrap: 'rsa-oaep-sha256' })).der) as PkcsReqMessage;
    expect(req.hash).toBe('SHA-512');
    await req.verify();
    const rep = asCertRep((await req.success({ issuedCerts: [await issueForCsr(w, w.csrDer)], raSigner: w.raSigner })).der);
    expect(rep.hash).toBe('SHA-512');
    expect(rep.envelope?.recipients[0].keyWrap).toBe('rsa-oaep-sha256');
    expect((await rep.decryptEnvelope(w.clientUnwrapper)).certificates).toHaveLength(1);
  });

  it('ok/PENDING, then CertPoll with the same transactionID, then SUCCESS', async () => {
    const request = await pkcsReq();
    const req = PkiMessage.parse(request.der) as PkcsReqMessage;
    const pending = await req.pending({ raSigner: w.raSigner });
    const pendingRep = asCertRep(pending.der);
    await pendingRep.verify(w.ra.der);
    pendingRep.checkAnswers(request.model);
    expect(pendingRep.pkiStatus).toBe('PENDING');
    expect(pendingRep.envelope).toBeUndefined();

    const subjectDer = encodeDer(certificateRef(w.client.der).cert.tbsCertificate.subject);
    const issuerDer = encodeDer(certificateRef(w.ca.der).cert.tbsCertificate.subject);
    const poll = await buildCertPoll({
      transactionId: request.model.transactionId,
      issuerAndSubject: { issuerDer, subjectDer },
      signerCert: w.client.der,
      signerKey: w.clientKey.keys.privateKey,
      recipientCert: w.ra.der,
    });
    const pollMsg = PkiMessage.parse(poll.der);
    if (pollMsg.messageType !== 'CertPoll') throw new Error('not a CertPoll');
    await pollMsg.verify();
    expect(pollMsg.transactionId).toBe(request.model.transactionId);
    expect(await pollMsg.decryptEnvelope(w.raUnwrapper)).toEqual({ issuerDer, subjectDer });

    const cert = await issueForCsr(w, w.csrDer);
    const done = asCertRep((await pollMsg.success({ issuedCerts: [cert], raSigner: w.raSigner })).der);
    done.checkAnswers(poll.model);
    expect((await done.decryptEnvelope(w.clientUnwrapper)).certificates).toEqual([cert]);
  });

  it.each(Object.keys(FAIL_INFO).map((f) => [`ok/FAILURE ${f} is read back by the client`, f as ScepFailInfo]))('%s', async (_name, failInfo) => {
    const request = await pkcsReq();
    const req = PkiMessage.parse(request.der) as PkcsReqMessage;
    const reply = await req.failure(failInfo, `refused: ${failInfo} ✗`, { raSigner: w.raSigner });
    expect(reply.model).toMatchObject({ pkiStatus: 'FAILURE', failInfo, failInfoText: `refused: ${failInfo} ✗` });
    const rep = asCertRep(reply.der);
    await rep.verify(w.ra.der);
    rep.checkAnswers(request.model);
    expect(rep.pkiStatus).toBe('FAILURE');
    expect(rep.failInfo).toBe(failInfo);
    expect(rep.failInfoText).toBe(`refused: ${failInfo} ✗`);
    await expect(rep.decryptEnvelope(w.clientUnwrapper)).rejects.toThrow(/no envelope/);
  });

  it('ok/readCertRep gives the client the outcome of each status in one call', async () => {
    const request = await pkcsReq();
    const req = PkiMessage.parse(request.der) as PkcsReqMessage;
    const cert = await issueForCsr(w, w.csrDer);
    const read = async (der: Uint8Array) => readCertRep(der, { request: request.model, raCertificate: w.ra.der, unwrapper: w.clientUnwrapper });
    expect(await read((await req.success({ issuedCerts: [cert], raSigner: w.raSigner })).der)).toEqual({ pkiStatus: 'SUCCESS', certificates: [cert], crls: [] });
    expect(await read((await req.pending({ raSigner: w.raSigner })).der)).toEqual({ pkiStatus: 'PENDING' });
    expect(await read((await req.failure('badCertId', undefined, { raSigner: w.raSigner })).der)).toEqual({ pkiStatus: 'FAILURE', failInfo: 'badCertId', failInfoText: undefined });
    await expect(read(request.der)).rejects.toThrow(/expected a CertRep/);
  });

  it('fail/a CertRep answering another request is refused by the client', async () => {
    const mine = await pkcsReq();
    const other = PkiMessage.parse((await pkcsReq()).der) as PkcsReqMessage;
    const rep = asCertRep((await other.pending({ raSigner: w.raSigner })).der);
    expect(() => rep.checkAnswers(mine.model)).toThrow(PkiVerificationError);
    expect(() => rep.checkAnswers({ ...mine.model, senderNonce: other.senderNonce })).not.toThrow();
  });

  it('fail/a CertRep signed by someone else than the pinned RA is refused', async () => {
    const req = PkiMessage.parse((await pkcsReq()).der) as PkcsReqMessage;
    const rep = asCertRep((await req.pending({ raSigner: w.raSigner })).der);
    await expect(rep.verify(w.ca.der)).rejects.toBeInstanceOf(PkiVerificationError);
  });

  it('ok/RenewalReq signed with the existing certificate carries the CSR', async () => {
    const existing = await issued(w.ca, 'CN=device-42', w.clientKey);
    const built = await buildRenewalReq({ csrDer: w.csrDer, signerCert: existing.der, signerKey: w.clientKey.keys.privateKey, recipientCert: w.ra.der });
    const msg = PkiMessage.parse(built.der);
    if (msg.messageType !== 'RenewalReq') throw new Error('not a RenewalReq');
    expect(await msg.verify()).toEqual(existing.der);
    expect(await msg.decryptEnvelope(w.raUnwrapper)).toEqual(w.csrDer);
  });

  it('ok/GetCert and GetCRL carry IssuerAndSerialNumber; GetCRL SUCCESS carries a CRL', async () => {
    const ref = certificateRef(w.client.der);
    const issuerAndSerial = { issuerDer: ref.issuerDer, serialNumber: ref.serial };
    const base = { signerCert: w.client.der, signerKey: w.clientKey.keys.privateKey, recipientCert: w.ra.der, issuerAndSerial };
    const getCert = PkiMessage.parse((await buildGetCert(base)).der);
    const getCrl = PkiMessage.parse((await buildGetCrl(base)).der);
    if (getCert.messageType !== 'GetCert' || getCrl.messageType !== 'GetCRL') throw new Error('wrong types');
    expect(await getCert.decryptEnvelope(w.raUnwrapper)).toEqual(issuerAndSerial);
    expect(await getCrl.decryptEnvelope(w.raUnwrapper)).toEqual(issuerAndSerial);
    const crl = new Uint8Array(
      (await x509.X509CrlGenerator.create({ issuer: w.ca.subject, thisUpdate: new Date(), signingKey: w.ca.key.keys.privateKey, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5' } })).rawData,
    );
    const rep = asCertRep((await getCrl.success({ crls: [crl], raSigner: w.raSigner })).der);
    expect(await rep.decryptEnvelope(w.clientUnwrapper)).toEqual({ certificates: [], crls: [crl] });
  });
});
