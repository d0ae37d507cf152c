import { type DeviceNudge, NUDGE_EVENTS } from '@certlab/contracts';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { CloudEvents } from '../events/cloud-events';

const KEEP_ALIVE_MS = 15_000;

/**
 * The push channel (APNs / FCM / WNS in the real world): open server-sent-event streams by
 * device. A desired-state change nudges every connected device it names; a device that is
 * retired or wiped has its streams closed. Devices that are offline simply miss the nudge and
 * pick the change up at their next scheduled check-in, as real devices do.
 */
@Injectable()
export class NudgeHub implements OnModuleDestroy {
  private readonly log = new Logger('Nudges');
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private readonly unsubscribe: (() => void)[];
  private readonly keepAlive: NodeJS.Timeout;

  constructor(events: CloudEvents) {
    this.unsubscribe = [
      events.on('devices.desiredStateChanged', ({ deviceIds, reason }) => {
        for (const id of deviceIds) this.nudge(id, reason);
      }),
      events.on('devices.stateChanged', ({ deviceIds }) => {
        for (const id of deviceIds) this.disconnect(id);
      }),
    ];
    this.keepAlive = setInterval(() => this.forEach((res) => res.write(': keep-alive\n\n')), KEEP_ALIVE_MS).unref();
  }

  /** Takes over the response as an event stream until the client goes away. */
  open(deviceId: string, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let set = this.streams.get(deviceId);
    if (!set) this.streams.set(deviceId, (set = new Set()));
    set.add(res);
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0 && this.streams.get(deviceId) === set) this.streams.delete(deviceId);
    });
    write(res, NUDGE_EVENTS.hello, { deviceId, reason: 'connected', at: new Date().toISOString() });
  }

  connectedCount(deviceId: string): number {
    return this.streams.get(deviceId)?.size ?? 0;
  }

  nudge(deviceId: string, reason: string): boolean {
    const set = this.streams.get(deviceId);
    if (!set?.size) return false;
    for (const res of set) write(res, NUDGE_EVENTS.checkin, { deviceId, reason, at: new Date().toISOString() });
    this.log.debug({ flow: 'nudge', deviceId, reason, msg: 'nudged' });
    return true;
  }

  disconnect(deviceId: string): void {
    for (const res of this.streams.get(deviceId) ?? []) res.end();
    this.streams.delete(deviceId);
  }

  onModuleDestroy(): void {
    clearInterval(this.keepAlive);
    for (const off of this.unsubscribe) off();
    this.forEach((res) => res.end());
    this.streams.clear();
  }

  private forEach(fn: (res: ServerResponse) => void): void {
    for (const set of this.streams.values()) for (const res of set) fn(res);
  }
}

function write(res: ServerResponse, event: string, nudge: DeviceNudge): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(nudge)}\n\n`);
}
