import { type PfxPurpose, pfxPurposeSchema } from '@certlab/contracts';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';

/** One file of a bulk import, before its password is read. */
export interface BulkItem {
  file: string;
  userPrincipalName: string;
  passwordFile: string;
  purpose: PfxPurpose;
}

/** A line of a bulk source that cannot become an item, with where it came from. */
export interface BulkProblem {
  source: string;
  reason: string;
}

/**
 * `--folder`: every `.pfx` / `.p12` file; the user is the file name when it is a UPN
 * (`ada@contoso.com.pfx`), else `--user`; the password is in `<file name>.password` beside it,
 * else in `--password-file`.
 */
export function itemsFromFolder(dir: string, defaults: { user?: string; passwordFile?: string; purpose: PfxPurpose }): { items: BulkItem[]; problems: BulkProblem[] } {
  const items: BulkItem[] = [];
  const problems: BulkProblem[] = [];
  for (const name of readdirSync(dir).sort()) {
    const ext = extname(name).toLowerCase();
    if (ext !== '.pfx' && ext !== '.p12') continue;
    const stem = basename(name, extname(name));
    const user = stem.includes('@') ? stem : defaults.user;
    const own = [join(dir, `${stem}.password`), join(dir, `${name}.password`)].find((p) => existsSync(p));
    const passwordFile = own ?? defaults.passwordFile;
    if (!user) problems.push({ source: name, reason: 'no user: name the file after the UPN (ada@contoso.com.pfx) or pass --user' });
    else if (!passwordFile) problems.push({ source: name, reason: `no password: put it in ${stem}.password beside the file or pass --password-file` });
    else items.push({ file: join(dir, name), userPrincipalName: user, passwordFile, purpose: defaults.purpose });
  }
  return { items, problems };
}

/** `--csv`: a header `file,user,passwordFile,purpose` (purpose optional); paths relative to the CSV's folder. */
export function itemsFromCsv(csvPath: string, defaults: { purpose: PfxPurpose }): { items: BulkItem[]; problems: BulkProblem[] } {
  const lines = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  const header = splitCsv(lines.shift() ?? '').map((h) => h.trim());
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const [fi, ui, pi, ri] = [col('file'), col('user'), col('passwordFile'), col('purpose')];
  if (fi < 0 || ui < 0 || pi < 0) throw new Error(`${csvPath}: the header must name the columns file,user,passwordFile[,purpose]; found ${header.join(',')}`);
  const base = dirname(resolve(csvPath));
  const at = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const items: BulkItem[] = [];
  const problems: BulkProblem[] = [];
  lines.forEach((line, i) => {
    const cells = splitCsv(line).map((c) => c.trim());
    const source = `${basename(csvPath)} line ${i + 2}`;
    const purpose = ri >= 0 && cells[ri] ? pfxPurposeSchema.safeParse(cells[ri]) : { success: true as const, data: defaults.purpose };
    if (!cells[fi] || !cells[ui] || !cells[pi]) problems.push({ source, reason: 'file, user and passwordFile are required' });
    else if (!purpose.success) problems.push({ source, reason: `unknown purpose ${cells[ri]}; use ${pfxPurposeSchema.options.join(', ')}` });
    else items.push({ file: at(cells[fi]), userPrincipalName: cells[ui], passwordFile: at(cells[pi]), purpose: purpose.data });
  });
  return { items, problems };
}

/** RFC 4180 fields: commas inside double quotes, "" for a quote. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}
