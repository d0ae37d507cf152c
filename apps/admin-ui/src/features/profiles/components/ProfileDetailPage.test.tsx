import {
  KEY_STORAGE_PROVIDERS,
  PFX_PURPOSES,
  PKCS_IMPORTED_CAVEATS,
  PKCS_IMPORTED_SETTING_LABELS,
  PKCS_SETTING_LABELS,
  type Profile,
  SCEP_KEY_OPTIONS,
  SCEP_SETTING_LABELS,
} from '@certlab/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '../../../testing/api-mock';
import { aUser } from '../../../testing/data';
import { renderApp } from '../../../testing/render-app';

const ID = '44444444-4444-4444-8444-444444444444';
const ROOT_ID = '55555555-5555-4555-8555-555555555555';
const base = {
  id: ID,
  description: null,
  platforms: ['windows' as const],
  version: 1,
  assignments: [],
  deviceStatus: { pending: 0, succeeded: 0, failed: 0, removed: 0 },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'adele',
  modifiedAt: '2026-01-01T00:00:00.000Z',
  modifiedBy: 'adele',
};

const SCEP: Profile = {
  ...base,
  name: 'Wi-Fi SCEP',
  type: 'scep',
  settings: {
    certificateType: 'device',
    subjectNameFormat: 'CN={{DeviceName}},O=certlab',
    subjectAlternativeNames: [
      { type: 'dns', template: '{{DeviceName}}.certlab.test' },
      { type: 'uri', template: 'IntuneDeviceId://{{DeviceId}}' },
    ],
    validityPeriod: { value: 1, unit: 'years' },
    keyStorageProvider: 'tpmOrSoftware',
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    keySize: 'rsa2048',
    hashAlgorithm: 'SHA-256',
    trustedRootProfileId: ROOT_ID,
    trustedRootProfileName: 'certlab Root',
    extendedKeyUsages: [{ name: 'Client Authentication', oid: '1.3.6.1.5.5.7.3.2' }],
    renewalThresholdPercent: 20,
    scepServerUrls: ['http://127.0.0.1:3100/certsrv/mscep/mscep.dll', 'http://backup.certlab.test/certsrv/mscep/mscep.dll'],
    warnings: [{ code: 'renewalThresholdHigh', message: 'A renewal threshold of 60 % renews certificates before half their life.' }],
  },
};

const PKCS: Profile = {
  ...base,
  name: 'VPN PKCS',
  type: 'pkcs',
  settings: {
    certificateType: 'user',
    certificationAuthority: 'ca.certlab.test:3200',
    certificationAuthorityName: 'certlab Issuing CA',
    certificateTemplateName: 'UserVPN',
    subjectNameFormat: 'CN={{UserName}}',
    subjectAlternativeNames: [{ type: 'upn', template: '{{UserPrincipalName}}' }],
    validityPeriod: { value: 6, unit: 'months' },
    keyStorageProvider: 'software',
    keySize: 3072,
    renewalThresholdPercent: 20,
    extendedKeyUsages: [{ name: 'Client Authentication', oid: '1.3.6.1.5.5.7.3.2' }],
    trustedRootProfileId: ROOT_ID,
    trustedRootProfileName: 'certlab Root',
  },
};

const IMPORTED: Profile = { ...base, name: 'S/MIME', type: 'pkcsImported', settings: { intendedPurpose: 'smimeEncryption', keyStorageProvider: 'tpmOrFail' } };

function api(profile: Profile, role: 'administrator' | 'operator' = 'administrator') {
  const empty = () => json(200, { items: [], total: 0, page: 1, pageSize: 25 });
  return mockApi({
    'GET /api/auth/me': () => json(200, { user: aUser({ role }) }),
    [`GET /api/profiles/${ID}`]: () => json(200, profile),
    [`GET /api/profiles/${ID}/device-status`]: empty,
    'GET /api/scep/issuances': empty,
    'GET /api/profiles': empty,
  });
}

/** The value shown under a setting's label in the Configuration settings panel. */
async function valueOf(label: string) {
  const panel = await screen.findByRole('region', { name: 'Configuration settings' });
  const term = within(panel).getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('profile detail: configuration settings', () => {
  it('shows a SCEP profile under the contracts labels with option labels, lists and a link to the root', async () => {
    api(SCEP);
    renderApp(`/profiles/${ID}`);

    expect((await valueOf(SCEP_SETTING_LABELS.certificateType)).textContent).toBe('Device');
    expect(within(await valueOf(SCEP_SETTING_LABELS.subjectAlternativeNames)).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'DNS: {{DeviceName}}.certlab.test',
      'URI: IntuneDeviceId://{{DeviceId}}',
    ]);
    expect((await valueOf(SCEP_SETTING_LABELS.validityPeriod)).textContent).toBe('1 year');
    expect((await valueOf(SCEP_SETTING_LABELS.keyStorageProvider)).textContent).toBe(KEY_STORAGE_PROVIDERS.tpmOrSoftware.label);
    expect((await valueOf(SCEP_SETTING_LABELS.keyUsage)).textContent).toBe('Digital signature, Key encipherment');
    expect((await valueOf(SCEP_SETTING_LABELS.keySize)).textContent).toBe(SCEP_KEY_OPTIONS.rsa2048.label);
    expect(within(await valueOf(SCEP_SETTING_LABELS.trustedRootProfileId)).getByRole('link', { name: 'certlab Root' }).getAttribute('href')).toBe(`/profiles/${ROOT_ID}`);
    expect((await valueOf(SCEP_SETTING_LABELS.extendedKeyUsages)).textContent).toBe('Client Authentication (1.3.6.1.5.5.7.3.2)');
    expect((await valueOf(SCEP_SETTING_LABELS.renewalThresholdPercent)).textContent).toBe('20 %');
    expect(within(await valueOf(SCEP_SETTING_LABELS.scepServerUrls)).getAllByRole('listitem')).toHaveLength(2);
    // No camelCase keys and no JSON left from the generic dump.
    const panel = screen.getByRole('region', { name: 'Configuration settings' });
    expect(panel.textContent).not.toMatch(/keyStorageProvider|\["|\{"/);
    expect(within(panel).getByRole('note').textContent).toContain('A renewal threshold of 60 %');
  });

  it('shows a PKCS profile with its CA, CA name and template', async () => {
    api(PKCS);
    renderApp(`/profiles/${ID}`);

    expect((await valueOf(PKCS_SETTING_LABELS.certificationAuthority)).textContent).toBe('ca.certlab.test:3200');
    expect((await valueOf(PKCS_SETTING_LABELS.certificationAuthorityName)).textContent).toBe('certlab Issuing CA');
    expect((await valueOf(PKCS_SETTING_LABELS.certificateTemplateName)).textContent).toBe('UserVPN');
    expect((await valueOf(PKCS_SETTING_LABELS.validityPeriod)).textContent).toBe('6 months');
    expect((await valueOf(PKCS_SETTING_LABELS.subjectAlternativeNames)).textContent).toBe('User principal name (UPN): {{UserPrincipalName}}');
    expect((await valueOf(PKCS_SETTING_LABELS.keySize)).textContent).toBe('3072');
  });

  it('says next to an imported-PKCS profile what the method does not do, from the one caveats list', async () => {
    api(IMPORTED);
    renderApp(`/profiles/${ID}`);

    expect((await valueOf(PKCS_IMPORTED_SETTING_LABELS.intendedPurpose)).textContent).toBe(PFX_PURPOSES.smimeEncryption.label);
    expect((await valueOf(PKCS_IMPORTED_SETTING_LABELS.keyStorageProvider)).textContent).toBe(KEY_STORAGE_PROVIDERS.tpmOrFail.label);
    const panel = screen.getByRole('region', { name: 'Configuration settings' });
    const caveats = within(panel).getByRole('note');
    expect(within(caveats).getByText('What imported PKCS does not do')).toBeTruthy();
    expect(within(caveats).getAllByRole('listitem').map((li) => li.textContent)).toEqual([...PKCS_IMPORTED_CAVEATS]);
  });
});

describe('profile pages by role', () => {
  it('disables Delete and Create profile for a read-only operator, saying why', async () => {
    api(SCEP, 'operator');
    renderApp(`/profiles/${ID}`);
    const del = await screen.findByRole('button', { name: 'Delete' });
    expect(del).toHaveProperty('disabled', true);
    expect(del.getAttribute('title')).toBe("Read-only operators can't change this");
  });

  it('keeps Delete enabled for an administrator', async () => {
    api(SCEP, 'administrator');
    renderApp(`/profiles/${ID}`);
    const del = await screen.findByRole('button', { name: 'Delete' });
    expect(del).toHaveProperty('disabled', false);
    expect(del.getAttribute('title')).toBeNull();
  });

  it('offers an operator no way into the create wizard', async () => {
    api(SCEP, 'operator');
    renderApp('/profiles');
    const create = await screen.findByRole('button', { name: 'Create profile' });
    expect(create).toHaveProperty('disabled', true);
    expect(screen.queryByRole('link', { name: 'Create profile' })).toBeNull();
  });
});
