export * from './auth';
export * from './problem';
export * from './health';
