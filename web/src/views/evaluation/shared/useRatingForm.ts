// One rating being filled in (level, reasons, comment, call-back phone): the
// state every rating screen shares. Reasons that stop fitting when the level
// changes are dropped; `problem` says what is still missing.
import { computed, ref, watch, type Ref } from 'vue';
import type { EvaluationMeta, Level, RatingInput } from '@/api/evaluation';
import { keepFitting, levelIsBad, phoneProblem, ratingProblem, reasonsFor } from './rating';

export function useRatingForm(meta: Ref<EvaluationMeta | null>) {
  const level = ref<Level | null>(null);
  const reasons = ref<string[]>([]);
  const comment = ref('');
  const contact = ref('');

  const fitting = computed(() => reasonsFor(meta.value, level.value));
  const bad = computed(() => level.value !== null && levelIsBad(meta.value, level.value));
  watch(fitting, (f) => { reasons.value = keepFitting(reasons.value, f); });

  const problem = computed(() => {
    if (level.value === null) return '请选择评价等级';
    return ratingProblem(bad.value, reasons.value, comment.value) || (bad.value ? phoneProblem(contact.value) : '');
  });

  // The body: only what was given; a phone only with a bad rating (for the call-back).
  function input(): RatingInput {
    const body: RatingInput = { level: level.value ?? 5 };
    if (reasons.value.length > 0) body.reasons = [...reasons.value];
    if (comment.value.trim() !== '') body.comment = comment.value.trim();
    if (bad.value && contact.value !== '') body.contact = contact.value;
    return body;
  }

  function reset() {
    level.value = null;
    reasons.value = [];
    comment.value = '';
    contact.value = '';
  }

  return { level, reasons, comment, contact, fitting, bad, problem, input, reset };
}
