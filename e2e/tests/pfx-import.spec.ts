import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeviceCli } from '../support/device-cli';
import { expect, test } from '../support/fixtures';
import { E2E, baseURL } from '../support/platform-under-test';

const SCREENSHOTS = join(__dirname, '..', 'screenshots');
const run = Date.now().toString(36);
const UPN = 'bliskov@certlab.test';
const SUBJECT = `Barbara Liskov S-MIME ${run}`;
const PROFILE = `E2E S/MIME imported ${run}`;
const exec = promisify(execFile);

test('an admin sees the imported certificates of a user, assigns the imported PKCS profile, and sees both devices report success', async ({ page, signedIn }) => {
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const api = page.request;

  // On-prem: openssl makes Barbara's S/MIME PFX; the import tool encrypts its password to the PFX connector and uploads it.
  const work = mkdtempSync(join(tmpdir(), 'certlab-e2e-pfx-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem'), '-days', '365', '-subj', `/CN=${SUBJECT}/emailAddress=${UPN}`, '-addext', 'extendedKeyUsage=emailProtection'], { stdio: 'pipe' });
  writeFileSync(join(work, 'password'), `e2e pfx password ${run}\n`, { mode: 0o600 });
  execFileSync('openssl', ['pkcs12', '-export', '-in', join(work, 'cert.pem'), '-inkey', join(work, 'key.pem'), '-out', join(work, 'smime.pfx'), '-passout', `file:${join(work, 'password')}`], { stdio: 'pipe' });
  const certlab = join(E2E.root, 'apps', 'device-agent', 'bin', 'certlab.js');
  // The PFX connector publishes its certificate once the connector registered; wait for it.
  await expect.poll(async () => ((await (await api.get('/api/pfx-import/connector-certificates')).json()) as { items: unknown[] }).items.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const imported = await exec(process.execPath, [certlab, 'pfx', 'import', '--file', join(work, 'smime.pfx'), '--password-file', join(work, 'password'), '--user', UPN, '--purpose', 'smimeEncryption', '--api', baseURL, '--json'], {
    cwd: E2E.root,
    env: { ...process.env, CERTLAB_ADMIN_PASSWORD: E2E.admin.password },
  });
  const thumbprint = (JSON.parse(imported.stdout) as { thumbprintSha256: string }).thumbprintSha256;

  // Two devices of Barbara (Sales), enrolled by the CLI.
  const users = (await (await api.get(`/api/directory/users?search=bliskov`)).json()) as { items: { id: string }[] };
  const userId = users.items[0].id;
  const devices = [new DeviceCli(), new DeviceCli()];
  const names = [`E2E-LISKOV-MAC-${run}`.toUpperCase(), `E2E-LISKOV-PC-${run}`.toUpperCase()];
  for (const [i, platform] of (['macos', 'windows'] as const).entries()) {
    const token = (await (await api.post('/api/enrollment-tokens', { data: { userId, platform } })).json()) as { token: string };
    await devices[i].enroll(token.token, platform, names[i]);
  }

  // The user's page lists her imported certificates, newest first, with their state and protecting connector.
  await signedIn.goTo('Users');
  await page.goto(`/users/${userId}`);
  const section = page.getByRole('region', { name: 'Imported certificates' });
  const row = section.getByRole('row').filter({ hasText: SUBJECT });
  await expect(row.locator('.status-badge', { hasText: 'Valid' })).toBeVisible();
  await expect(row).toContainText('S/MIME encryption');
  // The console prints thumbprints as Windows does, in colon-separated pairs.
  await expect(row).toContainText(thumbprint.slice(0, 8).match(/../g)!.join(':'));
  await shot('pfx-user-imported-certificates');

  // The wizard: the imported PKCS settings say what the method does not do, next to the settings.
  await signedIn.goTo('Profiles');
  await page.getByRole('link', { name: 'Create profile' }).click();
  await page.getByLabel('Profile type').selectOption('pkcsImported');
  await page.getByLabel('Name').fill(PROFILE);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Intended purpose').selectOption('smimeEncryption');
  const caveats = page.getByRole('complementary', { name: 'What this method does not do' });
  await expect(caveats).toContainText('No key generation');
  await expect(caveats).toContainText('No renewal');
  await expect(caveats).toContainText('No revocation');
  await expect(caveats).toContainText('same private key');
  await shot('pfx-wizard-settings');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Assignment of Sales').selectOption('include');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Imported PKCS settings')).toContainText('S/MIME encryption');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: PROFILE })).toBeVisible();

  // Both devices check in until the connector re-encrypted the password for each and they imported the PFX.
  for (const device of devices) {
    await expect
      .poll(async () => ((await device.checkin()) as { reported: { status: string; details?: { thumbprints?: string } }[] }).reported.some((r) => r.status === 'succeeded' && (r.details?.thumbprints ?? '').includes(thumbprint)), { timeout: 60_000, intervals: [1_000, 2_000] })
      .toBe(true);
  }
  await page.getByRole('tab', { name: 'Device status' }).click();
  const table = page.getByRole('table', { name: 'Device status' });
  for (const name of names) await expect(table.getByRole('row').filter({ hasText: name }).locator('.status-badge', { hasText: 'Succeeded' })).toBeVisible({ timeout: 15_000 });
  await shot('pfx-profile-device-status');

  // Back on the user's page: the certificate reached both devices.
  await page.goto(`/users/${userId}`);
  await expect(page.getByRole('region', { name: 'Imported certificates' }).getByRole('row').filter({ hasText: SUBJECT })).toContainText('2 imported');
  await shot('pfx-user-delivered');
});
