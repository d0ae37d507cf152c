import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Certificate, parseGetCaCertResponse } from '@certlab/pki-core';
import { DeviceCli } from '../support/device-cli';
import { expect, test } from '../support/fixtures';
import { E2E } from '../support/platform-under-test';

const SCREENSHOTS = join(__dirname, '..', 'screenshots');
const run = Date.now().toString(36);
const DEVICE = `E2E-SCEP-${run}`.toUpperCase();
const ROOT_PROFILE = `E2E certlab Root ${run}`;
const SCEP_PROFILE = `E2E Device Wi-Fi ${run}`;
const NDES = `http://127.0.0.1:${E2E.connectorPort}/certsrv/mscep/mscep.dll`;

test('an admin creates a SCEP profile in the wizard, a device enrolls, and the device status shows its certificate', async ({ page, signedIn }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const api = page.request;

  // Setup through the admin API: a Windows device of Ada (Engineering) and the root it will chain to.
  const users = (await (await api.get('/api/directory/users?search=lovelace')).json()) as { items: { id: string }[] };
  const groups = (await (await api.get('/api/directory/groups?search=Engineering')).json()) as { items: { id: string; name: string }[] };
  const engineering = groups.items.find((g) => g.name === 'Engineering')!;
  const token = (await (await api.post('/api/enrollment-tokens', { data: { userId: users.items[0].id, platform: 'windows' } })).json()) as { token: string };
  const device = new DeviceCli();
  await device.enroll(token.token, 'windows', DEVICE);
  const caCert = await fetch(`${NDES}/pkiclient.exe?operation=GetCACert`);
  const chain = parseGetCaCertResponse(caCert.headers.get('content-type') ?? '', new Uint8Array(await caCert.arrayBuffer())).map((d) => Certificate.parse(d));
  const root = chain.find((c) => c.isCa && c.isSelfIssued)!;
  const created = await api.post('/api/profiles', { data: { name: ROOT_PROFILE, type: 'trustedRoot', platforms: ['windows'], settings: { kind: 'upload', certificate: root.pem }, assignments: [{ groupId: engineering.id, mode: 'include' }] } });
  expect(created.status()).toBe(201);

  // The wizard: Basics → Configuration settings → Assignments → Review + create.
  await signedIn.goTo('Profiles');
  await page.getByRole('link', { name: 'Create profile' }).click();
  await page.getByLabel('Profile type').selectOption('scep');
  await page.getByLabel('Name').fill(SCEP_PROFILE);
  await page.getByLabel('Description').fill('Device certificate for Wi-Fi by SCEP');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Subject name format').fill('CN={{DeviceName}},O=certlab');
  await page.getByLabel('SAN 1 value').fill('{{DeviceName}}.certlab.test');
  await page.getByRole('button', { name: 'Add SAN' }).click();
  await page.getByLabel('SAN 2 type').selectOption('uri');
  await page.getByLabel('SAN 2 value').fill('IntuneDeviceId://{{DeviceId}}');
  await page.getByLabel('Key storage provider').selectOption('tpmOrSoftware');
  await page.getByLabel('Root certificate').selectOption({ label: ROOT_PROFILE });
  await page.getByLabel('SCEP server URLs').fill(NDES);
  await shot('scep-wizard-settings');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Assignment of Engineering').selectOption('include');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('SCEP settings')).toContainText('CN={{DeviceName}},O=certlab');
  await shot('scep-wizard-review');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: SCEP_PROFILE })).toBeVisible();

  // The device checks in: it runs its SCEP client against the connector and reports the certificate.
  const statusRow = page.getByRole('table', { name: 'Device status' }).getByRole('row').filter({ hasText: DEVICE });
  await expect(statusRow.locator('.status-badge', { hasText: 'Pending' })).toBeVisible();
  const checkin = (await device.checkin()) as { reported: { status: string; details?: Record<string, string> }[] };
  const report = checkin.reported.find((r) => r.details?.thumbprint)!;
  expect(report.status).toBe('succeeded');
  await expect(statusRow.locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible();
  await expect(statusRow.locator('.status-badge', { hasText: 'Installed' })).toBeVisible();
  const pairs = report.details!.thumbprint.match(/.{2}/g)!.join(':');
  // The cell shows the first bytes; the whole thumbprint is its tooltip (and what Copy copies).
  await expect(statusRow.getByTitle(pairs)).toBeVisible();
  // The expiry as the console prints it, in the browser's locale.
  const expiry = await page.evaluate((iso) => new Date(iso).toLocaleString(), report.details!.expiresAt);
  await expect(statusRow).toContainText(expiry);
  await shot('scep-profile-device-status');
  await page.getByRole('table', { name: 'Device status' }).screenshot({ path: join(SCREENSHOTS, 'scep-device-status-table.png') });
});
