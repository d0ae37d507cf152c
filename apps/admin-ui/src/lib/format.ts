const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "in 2 days": for heartbeats, check-ins and expiries. */
export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.round(seconds / size), unit);
  }
  return iso;
}

/** A timestamp as people read it, in their locale; the ISO value goes in a title. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** `AB12CD…` in groups of two, as Windows shows thumbprints; long ones shortened. */
export function thumbprint(hex: string, full = false): string {
  const pairs = hex.toUpperCase().match(/.{1,2}/g) ?? [];
  return (full ? pairs : pairs.slice(0, 8)).join(':') + (full || pairs.length <= 8 ? '' : '…');
}

/** The day only, in the reader's locale, for table cells where the time would crowd the row. */
export function date(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleDateString() : '—';
}
