// Renders one pino JSON line for a person reading a terminal; anything else passes through.
// Returns null for a line not worth showing.
import { styleText } from 'node:util';

const LEVELS = {
  10: ['TRACE', 'gray'],
  20: ['DEBUG', 'gray'],
  30: ['INFO ', 'green'],
  40: ['WARN ', 'yellow'],
  50: ['ERROR', 'red'],
  60: ['FATAL', 'red'],
};
// Nest's start-up chatter (one line per module and route) stays in JSON output only.
const QUIET_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'context', 'v']);

export function formatLogLine(line, format = 'pretty') {
  if (format === 'json' || line[0] !== '{') return line;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (QUIET_CONTEXTS.has(entry.context) && entry.level <= 30) return null;
  const [label, color] = LEVELS[entry.level] ?? ['INFO ', 'green'];
  const time = new Date(entry.time ?? Date.now()).toISOString().slice(11, 23);
  const context = entry.context ? styleText('gray', `[${entry.context}] `) : '';
  const extra = Object.fromEntries(Object.entries(entry).filter(([k]) => !HIDDEN.has(k)));
  const tail = Object.keys(extra).length > 0 ? ` ${styleText('gray', JSON.stringify(extra))}` : '';
  return `${styleText('gray', time)} ${styleText(color, label)} ${context}${entry.msg ?? ''}${tail}`;
}
