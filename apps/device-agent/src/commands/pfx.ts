import { type ImportedPfx, PFX_PURPOSES, type PfxConnectorCertificate, type PfxPurpose } from '@certlab/contracts';
import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { renderTable } from '../output/table';
import { PfxAdminClient } from '../pfx-tool/admin-client';
import { type BulkItem, type BulkProblem, itemsFromCsv, itemsFromFolder } from '../pfx-tool/bulk-sources';
import { chooseConnector, preparePfxUpload } from '../pfx-tool/prepare';

const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

interface ImportOptions {
  file?: string;
  folder?: string;
  csv?: string;
  password?: string;
  passwordFile?: string;
  passwordStdin?: boolean;
  user?: string;
  purpose: PfxPurpose;
  connector?: string;
  api: string;
  admin: string;
  adminPassword: string;
  json?: boolean;
}

interface Outcome {
  source: string;
  user: string;
  ok: boolean;
  imported?: ImportedPfx;
  error?: string;
}

/**
 * `certlab pfx import`: the on-prem import tool (the seed's PFX step 1–3). The password is read
 * from a file or stdin (or, discouraged, the command line), checked against the file here, and
 * leaves this machine only encrypted to a PFX connector certificate.
 */
export function pfxCommand(): Command {
  const pfx = new Command('pfx').description('Imported PKCS#12 (S/MIME): upload existing key pairs for a user, the password encrypted on-prem to a PFX connector.');

  pfx
    .command('connectors')
    .description('List the PFX connector encryption certificates passwords can be encrypted to.')
    .addOption(apiOption())
    .addOption(adminOption())
    .addOption(adminPasswordOption())
    .option('--json', 'print them as JSON')
    .action(async (o: { api: string; admin: string; adminPassword: string; json?: boolean }) => {
      const api = new PfxAdminClient(o.api.replace(/\/+$/, ''));
      await api.signIn(o.admin, o.adminPassword);
      const certs = await api.connectorCertificates();
      if (o.json) return print(JSON.stringify(certs.map(({ certificate: _c, ...rest }) => rest), null, 2));
      print(renderTable(['Thumbprint (SHA-256)', 'Connector', 'Subject', 'Expires'], certs.map((c) => [c.thumbprintSha256, c.connectorName, c.subject, c.notAfter.slice(0, 10)])));
    });

  pfx
    .command('import')
    .description(
      'Import a .pfx/.p12 for a user: check its password opens it and it holds a private key, encrypt the password to a PFX connector certificate, upload. Bulk: --folder (files named <upn>.pfx with <upn>.password beside them) or --csv (columns file,user,passwordFile,purpose).',
    )
    .option('--file <path>', 'one PKCS#12 file')
    .option('--folder <dir>', 'bulk: every .pfx/.p12 in this folder')
    .option('--csv <path>', 'bulk: a CSV with the columns file,user,passwordFile,purpose')
    .option('--password-file <path>', 'a file holding the PFX password (first line)')
    .option('--password-stdin', 'read the PFX password from standard input')
    .option('--password <text>', 'the PFX password on the command line (discouraged: it lands in shell history and the process list)')
    .option('--user <upn>', 'the user the certificate belongs to')
    .addOption(new Option('--purpose <purpose>', 'the intended purpose').choices(Object.keys(PFX_PURPOSES)).default('smimeEncryption'))
    .option('--connector <thumbprint|name>', 'the PFX connector certificate to encrypt the password to (default: the only valid one)')
    .addOption(apiOption())
    .addOption(adminOption())
    .addOption(adminPasswordOption())
    .option('--json', 'print the outcome as JSON')
    .action(async (o: ImportOptions) => {
      const sources = [o.file, o.folder, o.csv].filter(Boolean).length;
      if (sources !== 1) throw new Error('give exactly one of --file, --folder or --csv');
      if (o.password !== undefined) process.stderr.write('warning: --password puts the PFX password in shell history and the process list; prefer --password-file or --password-stdin\n');
      const api = new PfxAdminClient(o.api.replace(/\/+$/, ''));
      await api.signIn(o.admin, o.adminPassword);
      const connector = chooseConnector(await api.connectorCertificates(), o.connector);
      if (o.file) {
        if (!o.user) throw new Error('--user is required with --file');
        const password = await readPassword(o);
        const { request } = await preparePfxUpload({ der: new Uint8Array(readFileSync(o.file)), fileName: basename(o.file), password, userPrincipalName: o.user, purpose: o.purpose }, connector);
        const imported = await api.upload(request);
        if (o.json) return print(JSON.stringify(imported, null, 2));
        return print(
          `imported ${imported.subject} for ${imported.userPrincipalName} (${PFX_PURPOSES[imported.purpose].label})\n  SHA-256 ${imported.thumbprintSha256}\n  serial ${imported.serialNumber}, expires ${imported.notAfter} (${imported.state})\n  password encrypted to ${connector.connectorName} ${connector.thumbprintSha256}`,
        );
      }
      const { items, problems } = o.folder
        ? itemsFromFolder(o.folder, { user: o.user, passwordFile: o.passwordFile, purpose: o.purpose })
        : itemsFromCsv(o.csv!, { purpose: o.purpose });
      const outcomes = await bulkImport(api, connector, items, problems, !o.json);
      const failed = outcomes.filter((x) => !x.ok).length;
      if (o.json) print(JSON.stringify({ imported: outcomes.length - failed, failed, items: outcomes }, null, 2));
      else {
        print(renderTable(['Source', 'User', 'Result', 'Certificate / reason'], outcomes.map((x) => [x.source, x.user, x.ok ? 'imported' : 'FAILED', x.ok ? `${x.imported!.subject} (${x.imported!.thumbprintSha256.slice(0, 16)}…)` : (x.error ?? '')])));
        print(`${outcomes.length - failed} imported, ${failed} failed`);
      }
      if (failed > 0) process.exitCode = 1;
    });

  return pfx;
}

async function bulkImport(api: PfxAdminClient, connector: PfxConnectorCertificate, items: BulkItem[], problems: BulkProblem[], progress: boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = problems.map((p) => ({ source: p.source, user: '', ok: false, error: p.reason }));
  const bar = progress ? new SingleBar({ format: 'importing {bar} {value}/{total} {file}', stream: process.stderr, hideCursor: true }, Presets.shades_classic) : undefined;
  bar?.start(items.length, 0, { file: '' });
  for (const item of items) {
    const source = basename(item.file);
    bar?.update({ file: source });
    try {
      const password = firstLine(readFileSync(item.passwordFile, 'utf8'));
      const { request } = await preparePfxUpload({ der: new Uint8Array(readFileSync(item.file)), fileName: source, password, userPrincipalName: item.userPrincipalName, purpose: item.purpose }, connector);
      outcomes.push({ source, user: item.userPrincipalName, ok: true, imported: await api.upload(request) });
    } catch (err) {
      outcomes.push({ source, user: item.userPrincipalName, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
    bar?.increment();
  }
  bar?.stop();
  return outcomes;
}

async function readPassword(o: ImportOptions): Promise<string> {
  const given = [o.password !== undefined, !!o.passwordFile, !!o.passwordStdin].filter(Boolean).length;
  if (given !== 1) throw new Error('give the PFX password with exactly one of --password-file, --password-stdin or --password');
  if (o.passwordFile) return firstLine(readFileSync(o.passwordFile, 'utf8'));
  if (o.passwordStdin) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return firstLine(Buffer.concat(chunks).toString('utf8'));
  }
  return o.password!;
}

/** A password file's first line, without its line ending (a password may contain spaces). */
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

const apiOption = () => new Option('--api <url>', "the cloud's admin API").default('http://127.0.0.1:3000').env('CERTLAB_API_URL');
const adminOption = () => new Option('--admin <name>', 'console administrator').default('admin').env('CERTLAB_ADMIN_USER');
const adminPasswordOption = () => new Option('--admin-password <text>', "the administrator's password (prefer the environment variable)").env('CERTLAB_ADMIN_PASSWORD').makeOptionMandatory();
