import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Events features raise for each other without importing each other. In-process for now; when
 * several cloud instances share one database this becomes PostgreSQL LISTEN/NOTIFY.
 */
export interface CloudEventMap {
  /** Assignments or profiles changed: these devices should check in now (the push nudge). */
  'devices.desiredStateChanged': { deviceIds: string[]; reason: string };
  /** Devices left management (retired or wiped): their channels close. */
  'devices.stateChanged': { deviceIds: string[]; state: 'enrolled' | 'retired' | 'wiped' };
}

@Injectable()
export class CloudEvents {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof CloudEventMap>(event: K, payload: CloudEventMap[K]): void {
    this.emitter.emit(event, payload);
  }

  on<K extends keyof CloudEventMap>(event: K, listener: (payload: CloudEventMap[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }
}
