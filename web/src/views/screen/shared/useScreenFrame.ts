// What every live screen of the hall needs around its data: the page set up
// for a TV (large type, no scrollbars, no pointer), a second-by-second tick,
// and Beijing time by the server's clock, since a screen's own clock may be
// off by minutes.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import { getSystemInfo } from '@/api/system';
import { shanghaiClock } from '@/utils/time';
import { ServerClock, parseTime } from './screen';

const CALIBRATE_MS = 30 * 60_000;
const MODE_CLASS = 'yc-screen-hall-mode';

export interface ScreenFrame {
  now: { readonly value: number };  // local ms, updated every second
  server: ServerClock;
}

export function useScreenFrame() {
  const server = new ServerClock();
  const now = ref(Date.now());
  const clock = computed(() => shanghaiClock(new Date(server.now(now.value))));
  const timers: ReturnType<typeof setInterval>[] = [];

  async function calibrate() {
    const sentAt = Date.now();
    try {
      const info = await getSystemInfo();
      const serverMs = parseTime(info.server_time);
      if (serverMs !== null) server.calibrate(serverMs, sentAt, Date.now());
    } catch {
      // Keep the estimate there is (live events correct it too); next round tries again.
    }
  }

  onMounted(() => {
    document.documentElement.classList.add(MODE_CLASS);
    void calibrate();
    timers.push(setInterval(() => { now.value = Date.now(); }, 1000));
    timers.push(setInterval(() => void calibrate(), CALIBRATE_MS));
  });
  onBeforeUnmount(() => {
    document.documentElement.classList.remove(MODE_CLASS);
    for (const t of timers) clearInterval(t);
  });

  const frame: ScreenFrame = { now, server };
  return { clock, frame };
}
