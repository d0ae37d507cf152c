import { createUserRequestSchema, groupNameSchema, type ImportIssue } from '@certlab/contracts';
import { z } from 'zod';
import { parseCsv } from './csv';

export interface ImportedUser {
  location: string;
  userPrincipalName: string;
  displayName: string;
  email: string | null;
  onPremisesSamAccountName: string | null;
  onPremisesDistinguishedName: string | null;
  groups: string[];
}

export interface ImportedGroup {
  location: string;
  name: string;
  /** undefined: keep what the directory has. */
  description: string | null | undefined;
  memberGroups: string[];
}

export interface ParsedImport {
  users: ImportedUser[];
  groups: ImportedGroup[];
  errors: ImportIssue[];
}

export const CSV_COLUMNS = ['userPrincipalName', 'displayName', 'email', 'onPremisesSamAccountName', 'onPremisesDistinguishedName', 'groups'] as const;
const REQUIRED_COLUMNS = ['userPrincipalName', 'displayName'];

const userFields = createUserRequestSchema.extend({ groups: z.array(groupNameSchema).max(500).default([]) });
const groupFields = z.object({
  name: groupNameSchema,
  description: z.string().trim().max(1024).nullable().optional(),
  memberGroups: z.array(groupNameSchema).max(500).default([]),
});
const jsonFile = z.object({ users: z.array(z.unknown()).default([]), groups: z.array(z.unknown()).default([]) }).strict();

/**
 * Reads an import file into users and groups, collecting every error with its location (CSV line
 * number, or `users[3]` in JSON) instead of stopping at the first, so an admin fixes the file once.
 * Duplicate UPNs or group names inside one file are errors: which row should win is not obvious.
 */
export function parseImport(format: 'csv' | 'json', content: string): ParsedImport {
  return format === 'csv' ? parseCsvImport(content) : parseJsonImport(content);
}

function parseCsvImport(content: string): ParsedImport {
  const out: ParsedImport = { users: [], groups: [], errors: [] };
  let records;
  try {
    records = parseCsv(content);
  } catch (err) {
    out.errors.push({ location: 'file', message: (err as Error).message });
    return out;
  }
  const [header, ...rows] = records;
  if (!header) {
    out.errors.push({ location: 'file', message: 'the file has no header line' });
    return out;
  }
  const columns = header.fields.map((f) => f.trim());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (unknown.length || missing.length) {
    const parts = [];
    if (missing.length) parts.push(`missing column ${missing.join(', ')}`);
    if (unknown.length) parts.push(`unknown column ${unknown.join(', ')}`);
    out.errors.push({ location: `line ${header.line}`, message: `${parts.join('; ')} (columns: ${CSV_COLUMNS.join(', ')})` });
    return out;
  }
  for (const row of rows) {
    const location = `line ${row.line}`;
    if (row.fields.length !== columns.length) {
      out.errors.push({ location, message: `expected ${columns.length} fields, found ${row.fields.length}` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    columns.forEach((c, i) => (raw[c] = row.fields[i]));
    raw.groups = typeof raw.groups === 'string' ? raw.groups.split(';').map((g) => g.trim()).filter(Boolean) : [];
    addUser(out, location, raw);
  }
  return out;
}

function parseJsonImport(content: string): ParsedImport {
  const out: ParsedImport = { users: [], groups: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    out.errors.push({ location: 'file', message: `not valid JSON: ${(err as Error).message}` });
    return out;
  }
  const file = jsonFile.safeParse(data);
  if (!file.success) {
    out.errors.push({ location: 'file', message: 'expected an object with "users" and/or "groups" arrays and nothing else' });
    return out;
  }
  file.data.groups.forEach((g, i) => {
    const location = `groups[${i}]`;
    const parsed = groupFields.safeParse(g);
    if (!parsed.success) return issues(out, location, parsed.error);
    out.groups.push({ location, name: parsed.data.name, description: parsed.data.description, memberGroups: parsed.data.memberGroups });
  });
  file.data.users.forEach((u, i) => addUser(out, `users[${i}]`, u));
  const seen = new Map<string, string>();
  for (const g of out.groups) {
    const key = g.name.toLowerCase();
    if (seen.has(key)) out.errors.push({ location: g.location, message: `group "${g.name}" is already defined at ${seen.get(key)}` });
    else seen.set(key, g.location);
  }
  return out;
}

function addUser(out: ParsedImport, location: string, raw: unknown): void {
  const parsed = userFields.safeParse(raw);
  if (!parsed.success) return issues(out, location, parsed.error);
  const u = parsed.data;
  const dup = out.users.find((x) => x.userPrincipalName.toLowerCase() === u.userPrincipalName.toLowerCase());
  if (dup) {
    out.errors.push({ location, message: `user ${u.userPrincipalName} is already listed at ${dup.location}` });
    return;
  }
  out.users.push({
    location,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    email: u.email ?? null,
    onPremisesSamAccountName: u.onPremisesSamAccountName ?? null,
    onPremisesDistinguishedName: u.onPremisesDistinguishedName ?? null,
    groups: [...new Set(u.groups)],
  });
}

function issues(out: ParsedImport, location: string, error: z.ZodError): void {
  for (const issue of error.issues) out.errors.push({ location, message: `${issue.path.join('.') || 'value'}: ${issue.message}` });
}
