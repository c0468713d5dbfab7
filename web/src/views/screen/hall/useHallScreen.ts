// 大厅叫号屏 (issue 7, policy 三(五)): /screen/hall?site=ID. The calls of the
// hall as they happen, read out once each; who waits for which group; the
// notice; the clock; and the hall's 办事指南 (四公开) below.
import { computed, onBeforeUnmount, ref } from 'vue';
import { useRoute } from 'vue-router';
import { getHallBoard, hallTopic, type Board, type CallEvent, type CallKind } from '@/api/screen';
import { phaseMessage, readScreenId, screenIdOf, windowNameShown } from '../shared/screen';
import { useLiveBoard } from '../shared/useLiveBoard';
import { useScreenFrame } from '../shared/useScreenFrame';
import { useVoice } from '../shared/useVoice';
import { FLASH_MS, applyCall, groupTile, shownWindows, waitingSummary, windowGrid, windowTile } from './board';

export interface Flash {
  key: string;
  label: string;
  windowNumber: number;
  kind: CallKind;
}

export function useHallScreen() {
  const route = useRoute();
  const address = computed(() => readScreenId(route.query, 'site'));
  const site = computed(() => screenIdOf(address.value));
  const { clock, frame } = useScreenFrame();
  const { audio, voice, announce, enable } = useVoice();

  // The call that just came: highlighted and flashing for a few seconds.
  const flash = ref<Flash | null>(null);
  let flashTimer: ReturnType<typeof setTimeout> | null = null;
  function flashCall(call: CallEvent, key: string) {
    flash.value = { key, label: call.label, windowNumber: call.window_number, kind: call.kind };
    if (flashTimer !== null) clearTimeout(flashTimer);
    flashTimer = setTimeout(() => { flash.value = null; }, FLASH_MS);
  }
  onBeforeUnmount(() => { if (flashTimer !== null) clearTimeout(flashTimer); });

  const live = useLiveBoard<Board>({
    address,
    frame,
    load: getHallBoard,
    topic: (id) => hallTopic(id),
    onCall(call, arrival) {
      const board = live.data.value;
      if (board !== null) live.data.value = applyCall(board, call, frame.server.now());
      flashCall(call, arrival.key);
      if (arrival.announce) announce(call, arrival.key);
    },
  });
  const { data: board, phase, trouble } = live;

  const message = computed(() => phaseMessage('hall', phase.value, address.value));
  const newest = computed(() => board.value?.calls[0] ?? null);
  const newestName = computed(() => (newest.value ? windowNameShown(newest.value.window_number, newest.value.window_name) : ''));
  const flashing = computed(() => {
    const f = flash.value;
    const n = newest.value;
    return f !== null && n !== null && f.label === n.label && f.windowNumber === n.window_number ? f : null;
  });
  const windows = computed(() => shownWindows(board.value?.windows ?? []).map((w) => ({ ...w, tile: windowTile(w) })));
  const grid = computed(() => windowGrid(windows.value.length));
  const groups = computed(() => (board.value?.groups ?? []).map((g) => ({ ...g, tile: groupTile(g) })));
  const waiting = computed(() => waitingSummary(board.value?.groups ?? []));

  return {
    site, board, phase, message, trouble, clock, newest, newestName, flashing, windows, grid, groups, waiting, audio, voice, enable,
  };
}
