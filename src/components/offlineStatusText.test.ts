import { describe, expect, it } from 'vitest';
import { NO_OFFLINE_COPY, type OfflineCopyState } from '../ml/data/offlineCopy';
import { INITIAL_APP_SHELL, type AppShellState } from '../state/appShell';
import { offlineStatusText } from './offlineStatusText';

const shell = (patch: Partial<AppShellState>): AppShellState => ({ ...INITIAL_APP_SHELL, ...patch });
const copy = (patch: Partial<OfflineCopyState>): OfflineCopyState => ({ ...NO_OFFLINE_COPY, status: 'partial', totalFiles: 16, totalBytes: 31_838_000, ...patch });

describe('the offline status line', () => {
  it('says "Available offline: 32 MB" once the app and the whole dataset are stored, and whether the browser keeps them', () => {
    const text = offlineStatusText(shell({ worker: 'ready', persisted: true }), copy({ status: 'complete', files: 16, bytes: 31_838_000 }));
    expect(text.headline).toBe('Available offline: 32 MB');
    expect(text.details.join(' ')).toMatch(/promised to keep them/);
    expect(text.warning).toBeNull();
  });

  it('counts the stored megabytes while the dataset streams in', () => {
    expect(offlineStatusText(shell({ worker: 'ready' }), copy({ files: 6, bytes: 12_400_000 })).headline).toBe('Storing for offline use: 12 of 32 MB');
  });

  it('says when the quota ran out, with the note', () => {
    const text = offlineStatusText(shell({ worker: 'ready' }), copy({ status: 'full', files: 5, bytes: 9_000_000, missing: ['train-04.png'], note: 'Not enough storage…' }));
    expect(text.headline).toBe('Partly available offline: 9 of 32 MB');
    expect(text.warning).toBe('Not enough storage…');
  });

  it('says why offline use is off (development server, no service workers) or failed', () => {
    expect(offlineStatusText(shell({ worker: 'off', offReason: 'Offline use is off on the development server' }), NO_OFFLINE_COPY)).toMatchObject({
      headline: 'Not available offline',
      details: ['Offline use is off on the development server'],
    });
    expect(offlineStatusText(shell({ worker: 'error', offReason: 'registration failed' }), NO_OFFLINE_COPY).warning).toBe('registration failed');
  });
});
