import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';

/** A console section that later work fills; until then it says what it will show. */
export function SectionRoute({ title, emptyTitle, emptyText }: { title: string; emptyTitle: string; emptyText: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={emptyTitle}>
        <p>{emptyText}</p>
        <p className="muted">This view is not connected to the cloud yet.</p>
      </EmptyState>
    </>
  );
}
