/** What other cloud features use from SCEP validation. */
export { ScepValidationModule } from './scep-validation.module';
export { ScepChallengeService } from './challenge.service';
export { ScepIssuanceService } from './issuance.service';
export { SCEP_TARGETING, type ScepTargetingPort } from './targeting.port';
export { SCEP_VALIDATION_ENTITIES } from './scep-validation.entities';
