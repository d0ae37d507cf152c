import * as argon2 from 'argon2';

/**
 * argon2id with the library's defaults (64 MiB, t=3): deliberately slow. A wrong username is
 * checked against a dummy hash so both failures take the same time and do not reveal which
 * usernames exist.
 */
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const target = hash ?? (await (this.dummy ??= this.hash('certlab-dummy-password')));
    const ok = await argon2.verify(target, password).catch(() => false);
    return ok && hash !== undefined;
  }
}
