/** The views in navigation order, with the key that opens each from anywhere (outside text fields). */
import type { ViewId } from '../state/views';

export interface ViewEntry {
  readonly id: ViewId;
  readonly label: string;
  readonly key: string;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'train', label: 'Train', key: '1' },
  { id: 'model', label: 'Model', key: '2' },
  { id: 'evaluate', label: 'Evaluate', key: '3' },
  { id: 'classify', label: 'Classify', key: '4' },
  { id: 'internals', label: 'Inside the CNN', key: '5' },
  { id: 'models', label: 'Models', key: '6' },
  { id: 'runs', label: 'Runs', key: '7' },
  { id: 'data', label: 'Data', key: '8' },
  { id: 'lessons', label: 'Lessons', key: '9' },
  { id: 'class', label: 'Class', key: '0' },
];

export const viewForKey = (key: string): ViewEntry | null => VIEWS.find((v) => v.key === key) ?? null;

/** The address of `view` with every other parameter kept (for links that open in a new tab). */
export function viewHref(href: string, view: ViewId): string {
  const url = new URL(href);
  if (view === 'train') url.searchParams.delete('view');
  else url.searchParams.set('view', view);
  return `${url.pathname}${url.search}`;
}
