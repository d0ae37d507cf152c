import { type ScepPayloadResponse, type SessionResponse, scepPayloadResponseSchema, sessionResponseSchema } from '@certlab/contracts';
import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** A console session against the cloud's admin API, as the browser holds it: a session cookie. */
class AdminApi {
  private cookie = '';

  constructor(private readonly base: string) {}

  async signIn(username: string, password: string): Promise<SessionResponse> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`sign-in to ${this.base} as ${username} failed: ${await problemText(res)}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return sessionResponseSchema.parse(await res.json());
  }

  async scepPayload(deviceId: string, profileId: string): Promise<ScepPayloadResponse> {
    const res = await fetch(`${this.base}/api/devices/${encodeURIComponent(deviceId)}/scep-payload/${encodeURIComponent(profileId)}`, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new Error(`the cloud refused the SCEP payload: ${await problemText(res)}`);
    return scepPayloadResponseSchema.parse(await res.json());
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

export function scepCommand(): Command {
  const scep = new Command('scep').description('SCEP for stock clients: get the payload (URL, challenge, subject, SANs, key) an external device enrolls with.');

  scep
    .command('payload')
    .description(
      'Mint a SCEP challenge for a registered device and profile through the admin API (administrator only, audited) and print the payload a stock client (certmonger, openssl) needs. The challenge is shown once.',
    )
    .requiredOption('--device <id>', 'the device id (certlab device status --json, or the console)')
    .requiredOption('--profile <id>', 'the SCEP profile id')
    .addOption(new Option('--api <url>', 'the cloud\'s admin API').default('http://127.0.0.1:3000').env('CERTLAB_API_URL'))
    .addOption(new Option('--user <name>', 'console administrator').default('admin').env('CERTLAB_ADMIN_USER'))
    .addOption(new Option('--password <text>', 'the administrator\'s password (prefer the environment variable)').env('CERTLAB_ADMIN_PASSWORD').makeOptionMandatory())
    .option('--out-dir <dir>', 'also write root.pem (the trusted root) and subject.txt there, for scep-submit and openssl')
    .option('--json', 'print the payload as JSON')
    .action(async (o: { device: string; profile: string; api: string; user: string; password: string; outDir?: string; json?: boolean }) => {
      const api = new AdminApi(o.api.replace(/\/+$/, ''));
      await api.signIn(o.user, o.password);
      const payload = await api.scepPayload(o.device, o.profile);
      if (o.outDir) {
        writeFileSync(join(o.outDir, 'root.pem'), payload.trustedRootCertificate);
        writeFileSync(join(o.outDir, 'subject.txt'), `${payload.subject}\n`);
      }
      if (o.json) return print(JSON.stringify(payload, null, 2));
      const sans = payload.subjectAlternativeNames.map((s) => `${s.type}:${s.value}`).join(', ') || 'none';
      print(`SCEP URL     ${payload.scepUrls.join(' , ')}`);
      print(`challenge    ${payload.challenge}  (single use, expires ${payload.challengeExpiresAt})`);
      print(`subject      ${payload.subject}`);
      print(`SANs         ${sans}`);
      print(`key          ${payload.keySpec.kind === 'rsa' ? `RSA ${payload.keySpec.bits}` : `ECDSA ${payload.keySpec.curve}`}, key usage ${payload.keyUsage.join(', ')}, EKU ${payload.extendedKeyUsages.join(', ') || 'none'}`);
      print(`root         SHA-256 ${payload.trustedRootThumbprintSha256}`);
    });

  return scep;
}
