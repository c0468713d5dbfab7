// 取号 on the kiosk (issue 7, item 1): the site's groups with how many wait
// and whether a window serves them now; a tap takes a ticket for that group
// (with the green channel where the site has one) and shows it big.
import { computed, onMounted, ref } from 'vue';
import { useRouter } from 'vue-router';
import { takeKioskTicket } from '@/api/kiosk';
import type { BoardGroup } from '@/api/screen';
import {
  groupUnavailable, hoursText, isUnpaired, kioskProblem, resultOfTicket, type KioskProblem, type TicketResult,
} from '../shared/result';
import { useKioskDevice } from '../shared/useKioskDevice';

export type TicketPhase = 'choose' | 'taking' | 'result' | 'problem';

export interface GroupTile extends BoardGroup {
  unavailable: string;  // why it cannot be taken; "" when it can
}

export function useKioskTicket() {
  const router = useRouter();
  const device = useKioskDevice();
  const phase = ref<TicketPhase>('choose');
  const green = ref(false);
  const result = ref<TicketResult | null>(null);
  const problem = ref<KioskProblem | null>(null);

  const me = device.me;
  const groups = computed<GroupTile[]>(() =>
    (me.value?.groups ?? []).map((g) => ({ ...g, unavailable: groupUnavailable(g) })));
  const hours = computed(() => hoursText(me.value?.hours ?? ''));
  const greenChannel = computed(() => me.value?.green_channel === true);

  async function take(g: GroupTile) {
    if (phase.value !== 'choose' || g.unavailable) return;  // one ticket per tap
    phase.value = 'taking';
    try {
      const answer = await takeKioskTicket(device.token.value,
        greenChannel.value && green.value ? { group: g.code, green: true } : { group: g.code });
      result.value = resultOfTicket(answer, g.name);
      phase.value = 'result';
    } catch (e) {
      if (isUnpaired(e)) {
        device.lost();
        phase.value = 'choose';
      } else {
        problem.value = kioskProblem(e, 'ticket');
        phase.value = 'problem';
      }
    }
  }

  // From a refusal back to the groups, with fresh figures.
  function back() {
    problem.value = null;
    phase.value = 'choose';
    void device.refresh();
  }

  function home() {
    void router.replace({ name: 'kiosk' });
  }

  onMounted(() => void device.refresh());

  return {
    status: device.status, error: device.error, loading: device.loading, me, phase, green, greenChannel, groups, hours,
    result, problem, take, back, home, retry: device.refresh,
  };
}
