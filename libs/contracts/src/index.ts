export * from './auth';
export * from './problem';
export * from './health';
export * from './paging';
export * from './directory';
export * from './audit';
export * from './devices';
export * from './device-channel';
