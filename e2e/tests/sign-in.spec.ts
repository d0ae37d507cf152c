import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures';
import { SECTIONS } from '../support/pages';
import { E2E } from '../support/platform-under-test';

const SCREENSHOTS = join(__dirname, '..', 'screenshots');

test('the console loads and sends a signed-out visitor to the sign-in page', async ({ page, loginPage }) => {
  await page.goto('/devices');
  await expect(page).toHaveURL(/\/login/);
  await expect(loginPage.username).toBeVisible();
  await expect(loginPage.password).toBeVisible();
});

test('a wrong password is refused with a visible message and no session', async ({ page, loginPage }) => {
  await loginPage.open();
  await loginPage.signInAs(E2E.admin.username, 'not-the-password');
  await expect(loginPage.error).toContainText('Invalid username or password');
  await expect(page).toHaveURL(/\/login/);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('the seeded admin signs in and sees their name, role and every section', async ({ page, signedIn }) => {
  await expect(page.getByText('certlab Administrator')).toBeVisible();
  await expect(page.getByText('Administrator', { exact: true })).toBeVisible();
  for (const section of SECTIONS) await expect(signedIn.navLink(section)).toBeVisible();
  // The home page shows every service healthy, as the cloud sees them.
  for (const service of ['mdm-cloud', 'connector', 'ca']) {
    await expect(page.getByRole('article', { name: service })).toContainText('Healthy');
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'signed-in-home.png'), fullPage: true });
});

test('every section opens from the navigation', async ({ page, signedIn }) => {
  for (const section of SECTIONS.filter((s) => s !== 'Home')) {
    await signedIn.goTo(section);
    await expect(signedIn.navLink(section)).toHaveAttribute('aria-current', 'page');
  }
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
});

test('sign out ends the session', async ({ page, signedIn, loginPage }) => {
  await signedIn.signOut.click();
  await expect(page).toHaveURL(/\/login/);
  await expect(loginPage.signIn).toBeVisible();
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});
