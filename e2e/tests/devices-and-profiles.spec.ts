import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSelfSignedCertificate, generateKeyPair } from '@certlab/pki-core';
import { DeviceCli } from '../support/device-cli';
import { expect, test } from '../support/fixtures';

const SCREENSHOTS = join(__dirname, '..', 'screenshots');
const run = Date.now().toString(36);
const GROUP = `E2E Engineering ${run}`;
const UPN = `e2e.ada.${run}@contoso.test`;
const DEVICE = `E2E-LAPTOP-${run}`.toUpperCase();
const PROFILE = `E2E Contoso Root ${run}`;

test.describe.configure({ mode: 'serial' });

test('an admin imports users, enrolls a device by token, assigns a trusted root and watches it succeed, then removes it', async ({ page, signedIn }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  // Users: import a CSV, previewed first.
  await signedIn.goTo('Users');
  await page.getByRole('button', { name: 'Import' }).click();
  const csv = [
    'userPrincipalName,displayName,email,onPremisesSamAccountName,onPremisesDistinguishedName,groups',
    `${UPN},Ada E2E,${UPN},ada${run},"CN=Ada E2E,OU=Engineering,DC=contoso,DC=test",${GROUP}`,
    `e2e.bob.${run}@contoso.test,Bob E2E,,,,${GROUP}`,
  ].join('\n');
  await page.getByLabel('File').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = page.getByRole('table', { name: 'Import preview' });
  await expect(preview.getByRole('row').filter({ hasText: UPN }).first().locator('.status-badge', { hasText: 'Create' })).toBeVisible();
  await expect(page.getByText('Users: 2 new, 0 updated, 0 unchanged.')).toBeVisible();
  await shot('users-import-preview');
  await page.getByRole('button', { name: 'Import people.csv' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Users: 2 new');
  await page.getByRole('searchbox', { name: 'Search users' }).fill(`.${run}@`);
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row')).toHaveCount(3);
  await shot('users');

  // Groups: the imported group holds both users.
  await signedIn.goTo('Groups');
  await page.getByRole('searchbox', { name: 'Search groups' }).fill(run);
  await page.getByRole('link', { name: GROUP }).click();
  await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Direct members' }).getByRole('link', { name: UPN })).toBeVisible();
  await shot('group-detail');

  // Enrollment token for Ada's Windows device, shown once.
  await signedIn.goTo('Devices');
  await page.getByRole('link', { name: 'Enrollment tokens' }).click();
  const tokenForm = page.getByRole('region', { name: 'Create an enrollment token' });
  await tokenForm.getByLabel('Find user').fill(UPN);
  await tokenForm.getByLabel('User', { exact: true }).selectOption({ label: `Ada E2E (${UPN})` });
  await tokenForm.getByLabel('Platform', { exact: true }).selectOption('windows');
  await tokenForm.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('enrollment-token').textContent())?.trim() ?? '';
  expect(token.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('enrollment-token')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Enrollment tokens' }).getByRole('row').filter({ hasText: UPN }).locator('.status-badge', { hasText: 'Active' })).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);
  await shot('enrollment-tokens');

  // The device enrolls through the CLI and shows up in Devices.
  const device = new DeviceCli();
  await device.enroll(token, 'windows', DEVICE);
  await signedIn.goTo('Devices');
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(DEVICE);
  const deviceRow = page.getByRole('table', { name: 'Devices' }).getByRole('row').filter({ hasText: DEVICE });
  await expect(deviceRow).toContainText(UPN);
  await expect(deviceRow.locator('.status-badge')).toHaveText(/Enrolled/);
  await shot('devices');

  // A trusted-root profile assigned to the group, created in the wizard.
  const root = await createSelfSignedCertificate({
    subject: `CN=E2E Root CA ${run}, O=Contoso`,
    keys: await generateKeyPair({ kind: 'ec', curve: 'P-256' }),
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    basicConstraints: { ca: true },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  await signedIn.goTo('Profiles');
  await page.getByRole('link', { name: 'Create profile' }).click();
  await page.getByLabel('Name').fill(PROFILE);
  await page.getByLabel('Description').fill('Corporate root for Wi-Fi and VPN');
  await shot('profile-wizard-basics');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel(/Root or intermediate CA certificate/).setInputFiles({ name: 'contoso-root.cer', mimeType: 'application/pkix-cert', buffer: Buffer.from(root.der) });
  await expect(page.getByLabel('Certificate').getByText(`CN=E2E Root CA ${run}, O=Contoso`).first()).toBeVisible();
  await shot('profile-wizard-settings');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel(`Assignment of ${GROUP}`).selectOption('include');
  await shot('profile-wizard-assignments');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Basics').getByText(GROUP)).toBeVisible();
  await shot('profile-wizard-review');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: PROFILE })).toBeVisible();

  // Before the device checks in its status is pending; after, succeeded.
  const statusRow = page.getByRole('table', { name: 'Device status' }).getByRole('row').filter({ hasText: DEVICE });
  await expect(statusRow.locator('.status-badge', { hasText: 'Pending' })).toBeVisible();
  const checkin = (await device.checkin()) as unknown;
  expect(JSON.stringify(checkin)).toContain('succeeded');
  await expect(statusRow.locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible();
  await shot('profile-device-status');
  await page.getByRole('tab', { name: 'User status' }).click();
  await expect(page.getByRole('table', { name: 'User status' }).getByRole('row').filter({ hasText: UPN }).locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible();
  await shot('profile-user-status');

  // The device page explains why it has the profile.
  await signedIn.goTo('Devices');
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(DEVICE);
  await page.getByRole('link', { name: DEVICE }).click();
  const profileRow = page.getByRole('table', { name: 'Configuration profiles' }).getByRole('row').filter({ hasText: PROFILE });
  await expect(profileRow).toContainText(`assigned via group ${GROUP}`);
  await expect(profileRow.locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Status history' }).locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible();
  await shot('device-detail');

  // Unassigning removes it from the device, and the cloud hears so.
  await signedIn.goTo('Profiles');
  await page.getByRole('searchbox', { name: 'Search profiles' }).fill(run);
  await page.getByRole('link', { name: PROFILE }).click();
  await page.getByRole('tab', { name: 'Assignments' }).click();
  await page.getByLabel(`Assignment of ${GROUP}`).selectOption('');
  await page.getByRole('button', { name: 'Save assignments' }).click();
  await expect(page.getByText('Saved; devices are told to check in')).toBeVisible();
  expect(JSON.stringify(await device.checkin())).toContain('removed');
  await page.getByRole('tab', { name: 'Device status' }).click();
  await expect(page.getByRole('table', { name: 'Device status' }).getByRole('row').filter({ hasText: DEVICE }).locator('.status-badge', { hasText: 'Removed' })).toBeVisible();
  await shot('profile-removed');
});

test('the profiles list, connectors and audit pages show what happened', async ({ page, signedIn }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signedIn.goTo('Profiles');
  await expect(page.getByRole('table', { name: 'Profiles' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'profiles.png'), fullPage: true });
  // The wizard offers the CA app's own root, fetched from its AIA publication.
  await page.getByRole('link', { name: 'Create profile' }).click();
  await page.getByLabel('Name').fill('CA pick');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Pick a certificate of the certlab CA').check();
  await page.getByRole('button', { name: 'Use certlab-root-ca' }).click();
  await expect(page.getByLabel('Certificate').getByText('CN=certlab Root CA, O=certlab (self-signed root)')).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'profile-wizard-ca-pick.png'), fullPage: true });
  await signedIn.goTo('Connectors');
  await expect(page.getByRole('table', { name: 'Connectors' })).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'connectors.png'), fullPage: true });
  await signedIn.goTo('Audit');
  await page.getByLabel('Action').fill('profile.assign');
  await page.getByLabel('Action').press('Enter');
  await expect(page.getByRole('table', { name: 'Audit events' }).getByText('profile.assign').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENSHOTS, 'audit.png'), fullPage: true });
});
