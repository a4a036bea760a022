import { DataPanel } from '../components/DataPanel';
import { DatasetExplorer } from '../components/DatasetExplorer';

/** The dataset: its download (with Retry) and the images by class. */
export function DataView() {
  return (
    <>
      <DataPanel />
      <DatasetExplorer />
    </>
  );
}
