import type { IncomingMessage } from 'node:http';

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** Splits a text/event-stream body into events (the WHATWG format: `event:`/`data:` lines, blank line ends one). */
export async function* readServerSentEvents(res: IncomingMessage): AsyncGenerator<ServerSentEvent> {
  res.setEncoding('utf8');
  let buffer = '';
  for await (const chunk of res as AsyncIterable<string>) {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) yield { event, data: data.join('\n') };
    }
  }
}
