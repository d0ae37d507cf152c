import { CertificateRequest } from '@certlab/pki-core';
import { createHash } from 'node:crypto';
import type { Repository } from 'typeorm';
import type { CsrSignRequest, CsrSigner, SignOutcome } from './csr-signer';
import { ScepTransactionEntity } from './transaction.entity';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/**
 * The outermost step: the transaction store in front of everything (RFC 8894 §3.3.1: a client
 * that gets no answer resends the same request with the same transactionID). The same
 * transactionID with the same PKCS#10 gets the stored answer and reaches neither the cloud nor
 * the CA again; with another PKCS#10 it is refused. A CertPoll finds the stored request and asks
 * the CA about it only while it is pending. Rows are claimed with an INSERT, so two copies racing
 * in are one submission and one "still processing" (PENDING).
 */
export function withTransactionStore(repo: Repository<ScepTransactionEntity>, next: CsrSigner): CsrSigner {
  return {
    async signCsr(request: CsrSignRequest): Promise<SignOutcome> {
      const existing = await repo.findOneBy({ transactionId: request.transactionId });
      if (request.mode === 'poll') {
        if (!existing) return { kind: 'refused', failInfo: 'badCertId', text: `no request with transactionID ${request.transactionId} is known here` };
        if (existing.status !== 'pending') return stored(existing);
        return settle(repo, existing, await next.signCsr({ ...request, csr: CertificateRequest.parse(new Uint8Array(existing.csr)), caRequestId: existing.caRequestId ?? undefined, template: existing.template ?? undefined }));
      }
      if (!request.csr) throw new Error('a submit carries its PKCS#10');
      const csrSha256 = sha256(request.csr.der);
      if (existing) {
        if (existing.csrSha256 !== csrSha256) return { kind: 'refused', failInfo: 'badRequest', text: `transactionID ${request.transactionId} was already used with another request` };
        if (existing.status === 'pending') return settle(repo, existing, await next.signCsr({ ...request, mode: 'poll', caRequestId: existing.caRequestId ?? undefined, template: existing.template ?? undefined }));
        return stored(existing);
      }
      const claimed: unknown[] = await repo.query(
        `INSERT INTO "${repo.metadata.schema}"."scep_transaction" ("transactionId", "csrSha256", "csr", "status", "deviceId")
         VALUES ($1, $2, $3, 'processing', $4) ON CONFLICT DO NOTHING RETURNING "transactionId"`,
        [request.transactionId, csrSha256, Buffer.from(request.csr.der), request.deviceId ?? null],
      );
      // Another copy of this request claimed it a moment ago and is being handled: PENDING, poll later.
      if (rowsOf(claimed) === 0) return { kind: 'pending', caRequestId: 0, template: '' };
      let outcome: SignOutcome;
      try {
        outcome = await next.signCsr(request);
      } catch (err) {
        await repo.delete({ transactionId: request.transactionId, status: 'processing' });
        throw err;
      }
      const row = await repo.findOneByOrFail({ transactionId: request.transactionId });
      return settle(repo, row, outcome);
    },
  };
}

/** node-postgres answers INSERT … RETURNING through TypeORM with the rows; some drivers with [rows, count]. */
function rowsOf(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return (result[0] as unknown[]).length;
  return result.length;
}

async function settle(repo: Repository<ScepTransactionEntity>, row: ScepTransactionEntity, outcome: SignOutcome): Promise<SignOutcome> {
  if (outcome.kind === 'refused' && outcome.transient) {
    // Forget it, so the client's retry is tried afresh (nothing was burnt or issued).
    if (row.status === 'processing') await repo.delete({ transactionId: row.transactionId, status: 'processing' });
    return outcome;
  }
  const update: Partial<ScepTransactionEntity> = { updatedAt: new Date() };
  if (outcome.kind === 'issued') Object.assign(update, { status: 'issued', certificate: Buffer.from(outcome.certificate), caRequestId: outcome.caRequestId, template: outcome.template });
  if (outcome.kind === 'pending') Object.assign(update, { status: 'pending', caRequestId: outcome.caRequestId, template: outcome.template });
  if (outcome.kind === 'refused') Object.assign(update, { status: 'refused', failInfo: outcome.failInfo, failText: outcome.text, caRequestId: outcome.caRequestId ?? row.caRequestId });
  await repo.update({ transactionId: row.transactionId }, update);
  return outcome;
}

function stored(row: ScepTransactionEntity): SignOutcome {
  if (row.status === 'issued' && row.certificate) return { kind: 'issued', certificate: new Uint8Array(row.certificate), caRequestId: row.caRequestId ?? 0, template: row.template ?? '' };
  if (row.status === 'refused') return { kind: 'refused', failInfo: row.failInfo ?? 'badRequest', text: row.failText ?? 'refused' };
  // 'processing': another copy of this request is being handled right now.
  return { kind: 'pending', caRequestId: row.caRequestId ?? 0, template: row.template ?? '' };
}
