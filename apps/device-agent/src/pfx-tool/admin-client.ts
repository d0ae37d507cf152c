import {
  type ImportedPfx,
  type PfxConnectorCertificate,
  type PfxImportRequest,
  importedPfxSchema,
  pfxConnectorCertificateListSchema,
} from '@certlab/contracts';

/** A refusal of the admin API, with the problem's title and detail. */
export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The cloud's admin API as the import tool uses it: a console session (cookie), as the browser holds it. */
export class PfxAdminClient {
  private cookie = '';

  constructor(private readonly base: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new AdminApiError(res.status, `sign-in to ${this.base} as ${username} failed: ${await problemText(res)}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  }

  async connectorCertificates(): Promise<PfxConnectorCertificate[]> {
    const res = await fetch(`${this.base}/api/pfx-import/connector-certificates`, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new AdminApiError(res.status, `cannot list the PFX connector certificates: ${await problemText(res)}`);
    return pfxConnectorCertificateListSchema.parse(await res.json()).items;
  }

  async upload(body: PfxImportRequest): Promise<ImportedPfx> {
    const res = await fetch(`${this.base}/api/pfx-import/certificates`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: this.cookie }, body: JSON.stringify(body) });
    if (!res.ok) throw new AdminApiError(res.status, `the cloud refused the upload: ${await problemText(res)}`);
    return importedPfxSchema.parse(await res.json());
  }
}

async function problemText(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const p = JSON.parse(text) as { title?: string; detail?: string };
    return `HTTP ${res.status} ${p.title ?? ''}${p.detail ? `: ${p.detail}` : ''}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}
