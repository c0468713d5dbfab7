// 预约签到 on the kiosk (issue 7, item 2): the booking code (8 digits) or the
// ID number on the number pad; today's booking becomes a ticket with its
// priority, shown on the same result page as 取号.
import { computed, nextTick, onMounted, ref, watch } from 'vue';
import { useRouter } from 'vue-router';
import { kioskCheckIn } from '@/api/kiosk';
import { isResidentId } from '@/views/cases/shared/id-number';
import { keypadComplete, type KeypadKind } from '../shared/keypad';
import { isUnpaired, kioskProblem, resultOfCheckIn, type KioskProblem, type TicketResult } from '../shared/result';
import { useKioskDevice } from '../shared/useKioskDevice';
import { useKioskIdCard } from '../shared/useKioskIdCard';

export type CheckInBy = Extract<KeypadKind, 'code' | 'id'>;
export type CheckInPhase = 'enter' | 'checking' | 'result' | 'problem';

export function useKioskCheckIn() {
  const router = useRouter();
  const device = useKioskDevice();
  const by = ref<CheckInBy>('code');
  const value = ref('');
  const phase = ref<CheckInPhase>('enter');
  const result = ref<TicketResult | null>(null);
  const problem = ref<KioskProblem | null>(null);

  const complete = computed(() => keypadComplete(value.value, by.value));
  // Said as soon as all 18 characters are there: a check digit that does not fit.
  const fieldProblem = computed(() =>
    (by.value === 'id' && complete.value && !isResidentId(value.value) ? '身份证号码有误,请核对后重新输入' : ''));
  const ready = computed(() => complete.value && fieldProblem.value === '');

  watch(by, () => { value.value = ''; });

  // 刷身份证: the number goes into the ID field, as if typed; 确认签到 stays the person's.
  const idCard = useKioskIdCard(value, {
    before: async () => {
      if (by.value === 'id') return;
      by.value = 'id';
      await nextTick();  // the switch empties the field first
    },
  });

  async function submit() {
    if (!ready.value || phase.value !== 'enter') return;
    phase.value = 'checking';
    try {
      const answer = await kioskCheckIn(device.token.value,
        by.value === 'code' ? { code: value.value } : { id_number: value.value });
      value.value = '';  // the ID number leaves the screen and the memory
      result.value = resultOfCheckIn(answer);
      phase.value = 'result';
    } catch (e) {
      if (isUnpaired(e)) {
        device.lost();
        phase.value = 'enter';
      } else {
        problem.value = kioskProblem(e, 'check-in');
        phase.value = 'problem';
      }
    }
  }

  // Back to the pad with what was typed, so a typo can be corrected.
  function back() {
    problem.value = null;
    phase.value = 'enter';
  }

  function home() {
    void router.replace({ name: 'kiosk' });
  }

  onMounted(() => {
    if (device.status.value !== 'ready') void device.refresh();
  });

  return { status: device.status, by, value, phase, result, problem, fieldProblem, ready, submit, back, home, idCard };
}
