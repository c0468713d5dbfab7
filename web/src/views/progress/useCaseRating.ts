// Rating a case's stages (受理, 办结, 出件) where its progress is shown: the
// public page (channel web, mobile or receipt) and the kiosk (its device
// token; the server sets the channel). The proof (the receipt's token or the
// ID number) is the one the look-up used, kept in memory only.
import { computed, ref, watch, type Ref } from 'vue';
import { ApiError, describeError } from '@/api/client';
import {
  rateCase, viewCaseEvaluations, type CaseEvaluationView, type CaseProof, type CaseStage, type CitizenChannel,
} from '@/api/evaluation';
import { openStages } from '@/views/evaluation/shared/rating';
import { useEvaluationMeta } from '@/views/evaluation/shared/useEvaluationMeta';
import { useRatingForm } from '@/views/evaluation/shared/useRatingForm';

export interface RatingTarget { caseNo: string; proof: CaseProof }

// channel: what the stages are checked against; send: how the rating goes out.
export function useCaseRating(
  target: Ref<RatingTarget | null>, channel: Ref<string>,
  send: () => { channel?: CitizenChannel; kioskToken?: string },
) {
  const { meta, error: metaError } = useEvaluationMeta();
  const form = useRatingForm(meta);
  const view = ref<CaseEvaluationView | null>(null);
  const loading = ref(false);
  const error = ref('');
  const stage = ref<CaseStage | null>(null);
  const sending = ref(false);
  const sendError = ref('');
  const justRated = ref(0);   // the id of the rating just sent, to point it out

  const stages = computed(() => openStages(view.value, channel.value));
  const ratings = computed(() => [...(view.value?.ratings ?? [])].sort((a, b) => b.created_at - a.created_at));

  async function load() {
    const t = target.value;
    if (!t) { view.value = null; return; }
    loading.value = true;
    error.value = '';
    try {
      view.value = await viewCaseEvaluations(t.caseNo, t.proof);
      if (!stages.value.some((s) => s.stage === stage.value)) stage.value = stages.value[0]?.stage ?? null;
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }

  async function submit() {
    const t = target.value;
    if (!t || stage.value === null || sending.value || form.problem.value) return;
    sending.value = true;
    sendError.value = '';
    const { channel: ch, kioskToken } = send();
    try {
      const rated = await rateCase(t.caseNo,
        { ...t.proof, stage: stage.value, ...form.input(), ...(ch ? { channel: ch } : {}) }, kioskToken);
      justRated.value = rated.id;
      form.reset();
      await load();
    } catch (e) {
      sendError.value = describeError(e);
      if (e instanceof ApiError && (e.status === 409 || e.status === 422)) await load();
    } finally {
      sending.value = false;
    }
  }

  watch(target, () => { form.reset(); justRated.value = 0; sendError.value = ''; void load(); }, { immediate: true });
  return { meta, metaError, form, view, loading, error, load, stages, stage, ratings, sending, sendError, submit, justRated };
}
