// 窗口屏 (issue 7, policy 三(六) 三亮明): /screen/window?window=ID, above a
// window: its number and name, the clerk's photo, name and badge number, the
// number being served and the window's state. It listens to its site's
// queue (the site comes with the board) and lights up when called.
import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { getWindowBoard, hallTopic, windowPhotoUrl, type WindowBoard } from '@/api/screen';
import { useSystemStore } from '@/stores/system';
import { phaseMessage, readScreenId, screenIdOf, windowNameShown } from '../shared/screen';
import { useLiveBoard } from '../shared/useLiveBoard';
import { useScreenFrame } from '../shared/useScreenFrame';
import { HIGHLIGHT_MS, applyWindowCall, callsThisWindow, photoKey, shownCurrent, stateText, surnameInitial } from './window';

const PHOTO_RETRY_MS = 5 * 60_000;

export function useWindowScreen() {
  const route = useRoute();
  const address = computed(() => readScreenId(route.query, 'window'));
  const windowId = computed(() => screenIdOf(address.value));
  const { clock, frame } = useScreenFrame();
  const system = useSystemStore();
  const hotline = computed(() => system.info?.deployment.hotline ?? '');

  const highlight = ref(0);  // counts calls to this window; 0 = none lit
  const lit = ref(false);
  let litTimer: ReturnType<typeof setTimeout> | null = null;
  onBeforeUnmount(() => { if (litTimer !== null) clearTimeout(litTimer); });

  const live = useLiveBoard<WindowBoard>({
    address,
    frame,
    load: getWindowBoard,
    topic: (_id, board) => (board ? hallTopic(board.site.id) : null),
    onCall(call) {
      const board = live.data.value;
      if (board === null || !callsThisWindow(call, board)) return;
      live.data.value = applyWindowCall(board, call);
      highlight.value += 1;
      lit.value = true;
      if (litTimer !== null) clearTimeout(litTimer);
      litTimer = setTimeout(() => { lit.value = false; }, HIGHLIGHT_MS);
    },
  });
  const { data: board, phase, trouble } = live;

  const message = computed(() => phaseMessage('window', phase.value, address.value));
  const current = computed(() => (board.value ? shownCurrent(board.value) : ''));
  const state = computed(() => (board.value ? stateText(board.value) : ''));
  const name = computed(() => (board.value ? windowNameShown(board.value.window.number, board.value.window.name) : ''));
  const initial = computed(() => surnameInitial(board.value?.clerk?.name ?? ''));

  // The photo, unless it failed to load for this clerk: then the avatar,
  // and another try with a board read some minutes later.
  const photoFailed = ref('');
  let photoFailedAt = 0;
  const photo = computed(() => {
    const b = board.value;
    const key = b ? photoKey(b) : '';
    if (!b || key === '' || windowId.value === null || photoFailed.value === key) return '';
    return windowPhotoUrl(windowId.value, key);
  });
  function onPhotoError() {
    photoFailed.value = board.value ? photoKey(board.value) : '';
    photoFailedAt = Date.now();
  }
  watch(live.updatedAt, () => {
    const key = board.value ? photoKey(board.value) : '';
    if (photoFailed.value !== '' && (key !== photoFailed.value || Date.now() - photoFailedAt >= PHOTO_RETRY_MS)) {
      photoFailed.value = '';
    }
  });

  return {
    windowId, board, phase, message, trouble, clock, current, state, initial, photo, onPhotoError, lit, highlight, hotline,
    name,
  };
}
