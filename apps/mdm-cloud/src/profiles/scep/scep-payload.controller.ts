import type { ScepPayloadResponse } from '@certlab/contracts';
import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import type { ConsoleAccount } from '../../accounts/console-account.entity';
import { CurrentAccount } from '../../accounts/session.guard';
import { CloudErrors } from '../../errors';
import { ScepProfileType } from './scep-profile';

/**
 * A stock SCEP client's door (certmonger, openssl on an external device): the SCEP payload the
 * device would get at check-in, with a challenge minted for this call. Administrators only, audited;
 * the challenge is in this answer and nowhere else (never logged, never shown again).
 */
@Controller('devices')
export class ScepPayloadController {
  constructor(private readonly scep: ScepProfileType) {}

  @Get(':id/scep-payload/:profileId')
  @Header('Cache-Control', 'no-store')
  payload(@CurrentAccount() account: ConsoleAccount, @Param('id', ParseUUIDPipe) deviceId: string, @Param('profileId', ParseUUIDPipe) profileId: string): Promise<ScepPayloadResponse> {
    // A GET, so the guard lets read-only roles through; minting a challenge is an administrator's act.
    if (account.role !== 'administrator') throw CloudErrors.readOnlyRole('Only an administrator may mint a SCEP challenge.');
    return this.scep.payloadForAdmin(account.username, deviceId, profileId);
  }
}
