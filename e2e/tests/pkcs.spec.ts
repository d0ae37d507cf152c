import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Certificate, parseGetCaCertResponse } from '@certlab/pki-core';
import { DeviceCli } from '../support/device-cli';
import { expect, test } from '../support/fixtures';
import { E2E } from '../support/platform-under-test';

const SCREENSHOTS = join(__dirname, '..', 'screenshots');
const run = Date.now().toString(36);
const DEVICE = `E2E-PKCS-${run}`.toUpperCase();
const ROOT_PROFILE = `E2E PKCS Root ${run}`;
const PKCS_PROFILE = `E2E VPN PKCS ${run}`;
const NDES = `http://127.0.0.1:${E2E.connectorPort}/certsrv/mscep/mscep.dll`;

test('an admin creates a PKCS profile naming CA and template, assigns it, and watches the request go from queued to delivered', async ({ page, signedIn }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const api = page.request;

  // Setup through the admin API: a Windows device of Ada (Engineering) enrolled by the CLI, and the root it chains to.
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

  // The wizard: Basics → Configuration settings (CA and template from the CA app) → Assignments → Review + create.
  await signedIn.goTo('Profiles');
  await page.getByRole('link', { name: 'Create profile' }).click();
  await page.getByLabel('Profile type').selectOption('pkcs');
  await page.getByLabel('Name').fill(PKCS_PROFILE);
  await page.getByLabel('Description').fill('Device certificate for VPN, key made by the connector');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Certification authority name').selectOption('certlab-issuing-ca');
  await expect(page.getByLabel('Certification authority', { exact: true })).toHaveValue(/^127\.0\.0\.1:\d+$/);
  // A template that keeps the key on the CA's side is offered with a warning.
  await page.getByLabel('Certificate template name').selectOption('CertlabScepDevice');
  await expect(page.getByRole('alert').filter({ hasText: 'does not allow the private key to be exported' })).toBeVisible();
  await page.getByLabel('Certificate template name').selectOption('CertlabPkcs');
  await expect(page.getByText('Key export allowed')).toBeVisible();
  await page.getByLabel('Subject name format').fill('CN={{DeviceName}}, OU=VPN, O=certlab');
  await page.getByLabel('SAN 1 value').fill('{{DeviceName}}.vpn.certlab.test');
  // The device belongs to the seeded Ada Lovelace; the preview renders the subject for it.
  await page.getByLabel('Preview device').selectOption({ label: `${DEVICE} (alovelace@certlab.test)` });
  await expect(page.getByLabel('Preview', { exact: true })).toContainText(`CN=${DEVICE},OU=VPN,O=certlab`);
  await page.getByLabel('Root certificate').selectOption({ label: ROOT_PROFILE });
  await page.getByText(/^Variables \(/).click();
  await expect(page.getByRole('table', { name: 'Template variables' })).toContainText('{{DeviceName}}');
  await shot('pkcs-wizard-settings');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Assignment of Engineering').selectOption('include');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('PKCS settings')).toContainText('CertlabPkcs');
  await expect(page.getByLabel('PKCS settings')).toContainText('certlab-issuing-ca');
  await shot('pkcs-wizard-review');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: PKCS_PROFILE })).toBeVisible();

  // The Requests tab follows the request live: the connector leases it, the CA issues, then the device imports it.
  await page.getByRole('tab', { name: 'Requests' }).click();
  const requestRow = page.getByRole('table', { name: 'PKCS requests' }).getByRole('row').filter({ hasText: DEVICE });
  await expect(requestRow.locator('.status-badge', { hasText: 'Issued, awaiting device' })).toBeVisible({ timeout: 60_000 });
  await shot('pkcs-requests-tab-issued');
  const checkin = (await device.checkin()) as { reported: { status: string; details?: Record<string, unknown> }[] };
  expect(checkin.reported.some((r) => r.status === 'succeeded' && r.details?.exportable === false)).toBe(true);
  await expect(requestRow.locator('.status-badge', { hasText: 'Delivered' })).toBeVisible();
  await shot('pkcs-requests-tab-delivered');

  // The device's status: succeeded.
  await page.getByRole('tab', { name: 'Device status' }).click();
  await expect(page.getByRole('table', { name: 'Device status' }).getByRole('row').filter({ hasText: DEVICE }).locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible();

  // The request's page: the ten steps from queued to delivered, and the certificate delivered.
  await page.getByRole('tab', { name: 'Requests' }).click();
  await requestRow.getByRole('link', { name: DEVICE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(DEVICE);
  const history = page.getByRole('list', { name: 'History' });
  await expect(history).toContainText('queued for a connector');
  await expect(history).toContainText('leased by connector');
  await expect(history).toContainText('imported on the device as non-exportable');
  const certificate = page.getByRole('region', { name: 'Certificate' });
  await expect(certificate).toContainText(`CN=${DEVICE}`);
  await expect(certificate).toContainText('Serial number');
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await shot('pkcs-request-detail');

  // From the navigation: every PKCS request, filtered by state.
  await signedIn.goTo('PKCS requests');
  await page.getByLabel('State').selectOption('delivered');
  await page.getByRole('searchbox', { name: 'Search devices or subjects' }).fill(DEVICE);
  await expect(page.getByRole('table', { name: 'PKCS requests' }).getByRole('row').filter({ hasText: DEVICE }).locator('.status-badge', { hasText: 'Delivered' })).toBeVisible();
  await shot('pkcs-requests');
});
