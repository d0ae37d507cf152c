import { describe, expect, it } from 'vitest';
import { scepSettingsSchema, scepSettingsWarnings } from './scep-profile';

const settings = scepSettingsSchema.parse({
  certificateType: 'device',
  subjectNameFormat: 'CN={{DeviceName}}',
  trustedRootProfileId: '55555555-5555-4555-8555-555555555555',
  scepServerUrls: ['http://127.0.0.1:3100/certsrv/mscep/mscep.dll'],
});

describe('scepSettingsWarnings (the cloud on save and the console on Review share it)', () => {
  it('ok/defaults on Windows with the root assigned everywhere: no warning', () => {
    expect(scepSettingsWarnings(settings, { platforms: ['windows'], root: { name: 'Root', missingGroups: 0 } })).toEqual([]);
  });

  it('warn/each remark by code', () => {
    const sut = scepSettingsWarnings(
      { ...settings, keyStorageProvider: 'tpmOrFail', keySize: 'ecP256', keyUsage: ['keyEncipherment'], renewalThresholdPercent: 60 },
      { platforms: ['windows', 'ios'], root: { name: 'Root', missingGroups: 2 } },
    );
    expect(sut.map((w) => w.code)).toEqual(['rootNotAssignedToSameGroups', 'tpmOnlyOnWindows', 'keyEnciphermentWithEcdsa', 'renewalThresholdHigh']);
    expect(sut[0]!.message).toContain('"Root" is not assigned to 2 of the groups');
  });
});
