import { request } from 'node:https';
import { createCertificateRequest, exportPkcs8, generateKeyPair, pkcs8ToPem } from '@certlab/pki-core';
import { expect, test } from '../support/fixtures';
import { E2E } from '../support/platform-under-test';

const caHttp = `http://127.0.0.1:${E2E.caPort}`;
const caTls = `https://127.0.0.1:${E2E.caPort + 1}`;

/**
 * Acts as a throwaway on-prem server: enrolls with the one-time token the admin just minted in the
 * console, then asks for a PKCS certificate over mTLS. The running connector's own identities
 * (connector, ndes-ra) are never touched: other specs run after this one in the same platform.
 */
async function issueCertificateAs(token: string, subject: string): Promise<string> {
  const keys = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const idCsr = await createCertificateRequest({ subject: '', keys });
  const enrolled = await fetch(`${caHttp}/api/identities/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, csr: Buffer.from(idCsr.der).toString('base64') }),
  });
  expect(enrolled.status).toBe(201);
  const { certificate, chain } = (await enrolled.json()) as { certificate: string; chain: string[] };
  const leafKeys = await generateKeyPair({ kind: 'rsa', bits: 2048 });
  const csr = await createCertificateRequest({ subject, keys: leafKeys });
  const body = JSON.stringify({ template: 'CertlabPkcs', csr: Buffer.from(csr.der).toString('base64') });
  const key = pkcs8ToPem(await exportPkcs8(keys.privateKey));
  const reply = await new Promise<{ status: string; serialNumber: string }>((resolve, reject) => {
    const req = request(`${caTls}/api/requests`, { method: 'POST', key, cert: certificate, ca: chain[chain.length - 1], headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status: string; serialNumber: string }));
    });
    req.on('error', reject);
    req.end(body);
  });
  expect(reply.status).toBe('issued');
  return reply.serialNumber;
}

test('an admin finds an issued certificate, revokes it, and sees it revoked with a new CRL number', async ({ signedIn, page }) => {
  const stamp = Date.now();
  const subject = `CN=e2e revoke ${stamp}, O=certlab`;
  await signedIn.navLink('Certificate authorities').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificate authorities' })).toBeVisible();

  // The admin registers a throwaway computer identity allowed on CertlabPkcs; its token is shown once.
  await page.getByRole('tab', { name: 'On-prem identities' }).click();
  const form = page.getByRole('form', { name: 'Register identity' });
  await form.getByRole('textbox', { name: 'Identity name' }).fill(`e2e-box-${stamp}`);
  await form.getByRole('checkbox', { name: /CertlabPkcs/ }).check();
  await form.getByRole('button', { name: 'Register and create token' }).click();
  const token = (await page.getByTestId('ca-identity-token').textContent()) ?? '';
  expect(token.length).toBeGreaterThan(20);
  await page.screenshot({ path: 'screenshots/ca-identity-token.png', fullPage: true });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('row').filter({ hasText: `e2e-box-${stamp}` })).toContainText('Awaiting enrollment');
  const serial = await issueCertificateAs(token, subject);

  await page.getByRole('tab', { name: 'Templates' }).click();
  await expect(page.getByRole('rowheader', { name: /CertlabPkcs/ })).toBeVisible();
  await page.screenshot({ path: 'screenshots/ca-templates.png', fullPage: true });
  await page.getByRole('tab', { name: 'Requests' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'e2e revoke' }).first()).toBeVisible();
  await page.screenshot({ path: 'screenshots/ca-requests.png', fullPage: true });

  await page.getByRole('tab', { name: 'Hierarchy and CRLs' }).click();
  const crlNumber = page.getByTestId('crl-number-certlab-issuing-ca');
  await expect(crlNumber).toHaveText(/^\d+$/);
  const before = Number(await crlNumber.textContent());
  await page.screenshot({ path: 'screenshots/ca-hierarchy.png', fullPage: true });

  await page.getByRole('tab', { name: 'Issued certificates' }).click();
  await page.getByRole('searchbox', { name: 'Search certificates' }).fill('e2e revoke');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: serial });
  // The status reads in colour (the badge's tone) and in words.
  await expect(row.locator('[data-tone="success"]')).toHaveText(/Issued/);
  await page.screenshot({ path: 'screenshots/ca-issued.png', fullPage: true });

  await row.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke certificate' });
  await dialog.getByRole('combobox', { name: 'Reason' }).selectOption('keyCompromise');
  await page.screenshot({ path: 'screenshots/ca-revoke-dialog.png' });
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('tab', { name: 'Revoked certificates' }).click();
  const revokedRow = page.getByRole('row').filter({ hasText: serial });
  await expect(revokedRow.locator('[data-tone="danger"]')).toHaveText(/Revoked/);
  await expect(revokedRow).toContainText('keyCompromise');
  await expect(revokedRow).toContainText('cloud-ca-admin on behalf of admin');
  await page.screenshot({ path: 'screenshots/ca-revoked.png', fullPage: true });

  await page.getByRole('tab', { name: 'Hierarchy and CRLs' }).click();
  await expect.poll(async () => Number(await page.getByTestId('crl-number-certlab-issuing-ca').textContent())).toBeGreaterThan(before);
});
