import { useState } from 'react';

/** One model action at a time: whether it runs, and its outcome in words (for a live region). */
export function useModelAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (label: string, action: () => Promise<string>) => {
    setBusy(label);
    setMessage(null);
    try {
      setMessage({ text: await action(), error: false });
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true });
    } finally {
      setBusy(null);
    }
  };
  return { busy, message, run };
}
