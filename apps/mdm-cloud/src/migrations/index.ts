import { Initial1764370000000 } from './1764370000000-initial';
import { Devices1764380000000 } from './1764380000000-devices';
import { Profiles1764390000000 } from './1764390000000-profiles';
import { ScepValidation1764400000000 } from './1764400000000-scep-validation';
import { PkcsRequests1764420000000 } from './1764420000000-pkcs-requests';
import { ScepProfiles1764430000000 } from './1764430000000-scep-profiles';
import { PfxImport1764450000000 } from './1764450000000-pfx-import';
import { PkcsRequestEnds1764460000000 } from './1764460000000-pkcs-request-ends';

/** In order. A new migration is appended here; an applied one is never edited. */
export const cloudMigrations = [Initial1764370000000, Devices1764380000000, Profiles1764390000000, ScepValidation1764400000000, PkcsRequests1764420000000, ScepProfiles1764430000000, PfxImport1764450000000, PkcsRequestEnds1764460000000];
