import type { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { ScepPolicyClient } from '../policy/policy-client';
import type { CaClient } from '../ra/ca-client';
import type { RaIdentity } from '../ra/ra-identity';
import { type TemplateChoice, CaSubmitSigner } from './ca-submit';
import { withChallengePolicy } from './challenge-policy';
import type { CsrSigner } from './csr-signer';
import { withRaCountersign } from './ra-countersign';
import type { ScepTransactionEntity } from './transaction.entity';
import { withTransactionStore } from './transaction-store';

/**
 * The NDES request path in the order it runs, in one place:
 * transaction store → challenge policy (cloud validation, notifications) → RA countersign → CA.
 */
export function composeCsrSigner(deps: {
  transactions: Repository<ScepTransactionEntity>;
  policy: ScepPolicyClient;
  ra: RaIdentity;
  ca: Pick<CaClient, 'submitSigned' | 'status'>;
  templates: TemplateChoice;
  log: Logger;
}): CsrSigner {
  const ca = new CaSubmitSigner(deps.ca, deps.templates);
  const countersigned = withRaCountersign({ certificate: deps.ra.signing.certificate.der, key: deps.ra.signing.key }, ca);
  const validated = withChallengePolicy(deps.policy, deps.log, countersigned);
  return withTransactionStore(deps.transactions, validated);
}
