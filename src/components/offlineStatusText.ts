/** What the page says about offline use: one headline and its details, from the app shell and the dataset's copy. */
import type { OfflineCopyState } from '../ml/data/offlineCopy';
import type { AppShellState } from '../state/appShell';

export interface OfflineStatusText {
  /** e.g. "Available offline: 32 MB", "Storing for offline use: 12 of 32 MB". */
  readonly headline: string;
  readonly details: readonly string[];
  /** A problem the user should notice (quota, damaged entry, registration failure). */
  readonly warning: string | null;
}

const wholeMB = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
/** "12 of 32 MB" */
const partOf = (part: number, whole: number) => `${Math.round(part / 1e6)} of ${wholeMB(whole)}`;

export function offlineStatusText(shell: AppShellState, copy: OfflineCopyState): OfflineStatusText {
  const warning = copy.note ?? (shell.worker === 'error' ? shell.offReason : null);
  if (shell.worker === 'off' || shell.worker === 'error') {
    return { headline: 'Not available offline', details: shell.offReason && shell.worker === 'off' ? [shell.offReason] : [], warning };
  }
  if (copy.status === 'unavailable') {
    const headline = shell.worker === 'ready' ? 'The app works offline; the dataset is not stored' : 'Storing the app for offline use…';
    return { headline, details: ['This browser keeps no copy of the dataset here, so training needs the network.'], warning };
  }
  if (copy.status === 'full') {
    return { headline: `Partly available offline: ${partOf(copy.bytes, copy.totalBytes)}`, details: [`Missing: ${copy.missing.length} of ${copy.totalFiles} data files.`], warning };
  }
  if (copy.status === 'complete' && shell.worker === 'ready') {
    const kept =
      shell.persisted === true
        ? 'The browser has promised to keep them.'
        : shell.persisted === false
          ? 'The browser may remove them if the disk runs low on space.'
          : null;
    return {
      headline: `Available offline: ${wholeMB(copy.totalBytes)}`,
      details: [`The app, the pretrained model and all ${copy.totalFiles} data files (70,000 images) are stored in this browser.`, ...(kept ? [kept] : [])],
      warning,
    };
  }
  return {
    headline: `Storing for offline use: ${partOf(copy.bytes, copy.totalBytes)}`,
    details: [shell.worker === 'ready' ? 'The app is stored; the dataset follows as it downloads.' : 'The app and the dataset are stored as they download.'],
    warning,
  };
}
