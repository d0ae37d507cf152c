import { Global, Module } from '@nestjs/common';
import { CloudEvents } from './cloud-events';

@Global()
@Module({ providers: [CloudEvents], exports: [CloudEvents] })
export class EventsModule {}
