import { Link } from 'react-router-dom';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';

export function NotFoundRoute() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is nothing at this address">
        <p>
          Check the link, or go back to <Link to="/">Home</Link>.
        </p>
      </EmptyState>
    </>
  );
}
