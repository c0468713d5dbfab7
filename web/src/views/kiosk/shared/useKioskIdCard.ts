// 刷身份证 for a kiosk field that takes an ID number: offered while the
// hall PC's agent answers and its reader is ready; a read fills the field
// as if the number had been typed (the page's own submit follows). A number
// from a card is shown masked, and an edit of it empties the field, so the
// whole number never appears on the hall's screen. Never logged.
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import { readIdCard } from '@/api/agent';
import { useAgent } from '@/composables/useAgent';
import { BAD_CARD_MESSAGE, idCardReadProblem, idCardReaderReady, idNumberOfCard } from './idcard';

export interface KioskIdCardOptions {
  // Before the number goes in (the page chooses its ID field, say).
  before?: () => void | Promise<void>;
  // The card reader; the agent's by default (tests pass their own).
  read?: () => Promise<{ id_number: string }>;
}

export function useKioskIdCard(field: Ref<string>, options: KioskIdCardOptions = {}) {
  const agent = useAgent({ poll: true });
  const available = computed(() => idCardReaderReady(agent.state.status));
  const reading = ref(false);
  const problem = ref('');
  const fromCard = ref('');  // the number the card put in the field, until it changes
  let alive = true;

  const masked = computed(() => fromCard.value !== '' && field.value === fromCard.value);

  watch(field, (v) => {
    if (fromCard.value === '' || v === fromCard.value) return;
    fromCard.value = '';
    // A deleted character would bare the rest of the card's number: start again.
    if (v !== '') field.value = '';
  });

  async function read(): Promise<void> {
    if (reading.value) return;
    reading.value = true;
    problem.value = '';
    try {
      const card = await (options.read ?? readIdCard)();
      if (!alive) return;
      const id = idNumberOfCard(card);
      if (id === null) {
        problem.value = BAD_CARD_MESSAGE;
        return;
      }
      await options.before?.();
      fromCard.value = id;
      field.value = id;
    } catch (e) {
      if (alive) problem.value = idCardReadProblem(e);
    } finally {
      reading.value = false;
    }
  }

  onScopeDispose(() => { alive = false; });

  return { available, reading, problem, masked, read };
}
