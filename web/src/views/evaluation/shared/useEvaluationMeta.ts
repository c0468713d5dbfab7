// The levels and reasons (GET /api/evaluation/meta), read once per app and
// shared by every rating screen; a failure says why and can be retried.
import { computed, ref } from 'vue';
import { describeError } from '@/api/client';
import { getEvaluationMeta, type EvaluationMeta } from '@/api/evaluation';

const meta = ref<EvaluationMeta | null>(null);
const error = ref('');
let pending: Promise<void> | null = null;

function load(): Promise<void> {
  if (meta.value) return Promise.resolve();
  pending ??= getEvaluationMeta()
    .then((m) => { meta.value = m; error.value = ''; })
    .catch((e: unknown) => { error.value = describeError(e); })
    .finally(() => { pending = null; });
  return pending;
}

export function useEvaluationMeta() {
  void load();
  return { meta: computed(() => meta.value), error: computed(() => error.value), load };
}
