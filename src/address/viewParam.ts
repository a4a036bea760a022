/**
 * The app's views: one is shown at a time, and the address says which (?view=evaluate), so a
 * shared link opens the same view. The Train view is the default and is left out of the URL.
 */
export const VIEW_IDS = ['train', 'model', 'evaluate', 'classify', 'internals', 'models', 'runs', 'data', 'lessons', 'class'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_PARAM = 'view';
export const DEFAULT_VIEW: ViewId = 'train';

export const isViewId = (value: string): value is ViewId => (VIEW_IDS as readonly string[]).includes(value);

/** The view a `view=` value names (case and spaces forgiven), and why not when it names none. */
export function parseViewValue(raw: string | undefined): { view: ViewId; problem: string | null } {
  if (raw === undefined || raw === '') return { view: DEFAULT_VIEW, problem: null };
  const value = raw.trim().toLowerCase();
  if (isViewId(value)) return { view: value, problem: null };
  return { view: DEFAULT_VIEW, problem: `use one of ${VIEW_IDS.join(', ')}.` };
}
