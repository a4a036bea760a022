/**
 * The app's views: one is shown at a time, and the address says which (?view=evaluate), so a
 * shared link opens the same view. The Train view is the default and is left out of the URL.
 */
export const VIEW_IDS = ['train', 'model', 'evaluate', 'classify', 'internals', 'runs', 'data'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_PARAM = 'view';
export const DEFAULT_VIEW: ViewId = 'train';

export const isViewId = (value: string): value is ViewId => (VIEW_IDS as readonly string[]).includes(value);

/** The view named in `search`, and a problem to show when the name is not one of ours. */
export function viewFromSearch(search: string): { view: ViewId; problem: string | null } {
  const raw = new URLSearchParams(search).get(VIEW_PARAM);
  if (raw === null || raw === '') return { view: DEFAULT_VIEW, problem: null };
  const value = raw.trim().toLowerCase();
  if (isViewId(value)) return { view: value, problem: null };
  return { view: DEFAULT_VIEW, problem: `URL parameter view=${JSON.stringify(raw)} ignored: use one of ${VIEW_IDS.join(', ')}.` };
}
