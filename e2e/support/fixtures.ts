import { test as base, expect } from '@playwright/test';
import { ConsoleShell, LoginPage } from './pages';
import { E2E } from './platform-under-test';

interface Fixtures {
  loginPage: LoginPage;
  shell: ConsoleShell;
  /** A page already signed in as the seeded administrator. */
  signedIn: ConsoleShell;
}

export const test = base.extend<Fixtures>({
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  shell: async ({ page }, use) => use(new ConsoleShell(page)),
  signedIn: async ({ loginPage, shell }, use) => {
    await loginPage.open();
    await loginPage.signInAs(E2E.admin.username, E2E.admin.password);
    await expect(shell.nav).toBeVisible();
    await use(shell);
  },
});

export { expect };
