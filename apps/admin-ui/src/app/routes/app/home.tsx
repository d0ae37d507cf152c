import { PageHeader } from '../../../components/PageHeader';
import { PlatformHealthPanel } from '../../../features/platform/components/PlatformHealthPanel';

export function HomeRoute() {
  return (
    <>
      <PageHeader title="Home" description="The state of the certlab platform at a glance." />
      <PlatformHealthPanel />
    </>
  );
}
