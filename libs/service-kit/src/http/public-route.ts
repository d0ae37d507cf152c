import { SetMetadata } from '@nestjs/common';

/** Metadata key a service's auth guard reads: routes marked with it need no credentials. */
export const PUBLIC_ROUTE = 'certlab:public';

/** Marks a route that anyone may call, such as health and sign-in. Everything else is protected. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
