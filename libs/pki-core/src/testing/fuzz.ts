import fc from 'fast-check';
import { PkiFormatError } from '../errors';

export type Mutation =
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'insert'; at: number; byte: number }
  | { kind: 'delete'; at: number }
  | { kind: 'truncate'; at: number };

/** Small edits to valid DER: the inputs that reach deep into a parser rather than failing on the first tag. */
export function mutationsArb(): fc.Arbitrary<Mutation[]> {
  const at = fc.nat({ max: 1_000_000 });
  const byte = fc.integer({ min: 0, max: 255 });
  return fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at, byte }),
      fc.record({ kind: fc.constant('insert' as const), at, byte }),
      fc.record({ kind: fc.constant('delete' as const), at }),
      fc.record({ kind: fc.constant('truncate' as const), at }),
    ),
    { minLength: 1, maxLength: 3 },
  );
}

export function applyMutations(der: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = [...der];
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const i = m.at % bytes.length;
    if (m.kind === 'replace') bytes[i] = m.byte;
    else if (m.kind === 'insert') bytes.splice(i, 0, m.byte);
    else if (m.kind === 'delete') bytes.splice(i, 1);
    else bytes = bytes.slice(0, i);
  }
  return new Uint8Array(bytes);
}

/** The parser contract for untrusted bytes: a value, or a PkiFormatError, and nothing else. */
export function parsesOrFormatError<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (err instanceof PkiFormatError) return undefined;
    throw err;
  }
}
