import { expect, type Locator, type Page } from '@playwright/test';

export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly signIn: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.signIn = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.signIn).toBeVisible();
  }

  async signInAs(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.signIn.click();
  }
}

export const SECTIONS = ['Home', 'Devices', 'Profiles', 'Users', 'Groups', 'Certificate authorities', 'Connectors', 'PKCS requests', 'Reports', 'Security', 'Audit'] as const;

export class ConsoleShell {
  readonly nav: Locator;
  readonly signOut: Locator;

  constructor(private readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.signOut = page.getByRole('button', { name: 'Sign out' });
  }

  navLink(name: (typeof SECTIONS)[number]): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  async goTo(name: (typeof SECTIONS)[number]): Promise<void> {
    await this.navLink(name).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
}
