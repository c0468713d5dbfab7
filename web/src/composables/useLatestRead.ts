// A value read again and again (another site picked, 刷新, a live event):
// only the newest read may land, so a slow answer to an older read never
// replaces a newer one, and only the newest read's failure is shown.
import { ref, type Ref } from 'vue';
import { describeError } from '@/api/client';

export interface LatestRead<T> {
  data: Ref<T>;
  loading: Ref<boolean>;
  error: Ref<string>;
  // Resolves true when this read landed (it was still the newest).
  load: () => Promise<boolean>;
}

export function useLatestRead<T>(read: () => Promise<T>, initial: T): LatestRead<T> {
  const data = ref(initial) as Ref<T>;
  const loading = ref(true);
  const error = ref('');
  let reads = 0;

  async function load(): Promise<boolean> {
    const mine = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const value = await read();
      if (mine !== reads) return false;
      data.value = value;
      return true;
    } catch (e) {
      if (mine === reads) error.value = describeError(e);
      return false;
    } finally {
      if (mine === reads) loading.value = false;
    }
  }

  return { data, loading, error, load };
}
