// The clerk's window in the hall queue (窗口叫号, issue 7): find the chosen
// window among the site's hall windows, sign in there (三亮明 on its screen),
// follow its state live, and call, recall, skip, transfer and finish. The
// ticket being served is written to `ticket`, which the workbench records
// on the case opened for that person.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { subscribe, validTopic, type EventSubscription } from '@/api/events';
import {
  callNext, finishTicket, getWindowState, hallTopic, listGroups, listHallWindows, recallTicket, setWindowOpen, signIn,
  signOut, skipTicket, transferTicket, type Group, type WindowState,
} from '@/api/hall';
import { useSessionStore } from '@/stores/session';
import { debounce } from '../shared/debounce';
import { panelError, skipText, windowMode, type PanelAction, type PanelMessage } from './messages';

const REFRESH_MS = 30_000;
const SETTLE_MS = 400;

// none: no window chosen; loading; offline: the hall could not be read;
// unmanaged: the window is not set up for the queue; ready.
export type PanelPhase = 'none' | 'loading' | 'offline' | 'unmanaged' | 'ready';

export function useCallPanel(siteId: Ref<number | null>, windowNumber: Ref<number | null>, ticket: Ref<string>) {
  const session = useSessionStore();
  const phase = ref<PanelPhase>('none');
  const loadError = ref('');
  const win = ref<WindowState | null>(null);
  const groups = ref<Group[]>([]);
  const busy = ref<PanelAction | ''>('');
  const message = ref<PanelMessage | null>(null);
  let loads = 0;
  let signedAt: number | null = null;   // the window this page signed in at
  let live: EventSubscription | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const myId = computed(() => session.me?.account.id ?? 0);
  const signedIn = computed(() => win.value?.clerk?.id === myId.value && myId.value !== 0);
  const mode = computed(() => (win.value ? windowMode(win.value) : 'idle'));
  const current = computed(() => win.value?.current ?? null);
  const servedGroups = computed(() => groups.value.filter((g) => win.value?.groups.includes(g.code)));
  // 转移: to another group of the site that still takes tickets.
  const transferTargets = computed(() =>
    groups.value.filter((g) => g.active && g.id !== current.value?.group_id));

  // The ticket the workbench records follows the window's called ticket
  // (a window outside the queue leaves the typed one alone).
  function apply(w: WindowState) {
    win.value = w;
    if (w.groups.length > 0) ticket.value = w.current?.label ?? '';
  }

  function say(tone: PanelMessage['tone'], text: string) {
    message.value = { tone, text };
  }

  async function refresh() {
    const w = win.value;
    if (!w || phase.value !== 'ready') return;
    try {
      const next = await getWindowState(w.id);
      if (win.value?.id !== next.id) return;
      apply(next);
      if (next.groups.length === 0) phase.value = 'unmanaged';  // its groups were taken away
    } catch (e) {
      say('warning', `窗口状态未能更新:${panelError('load', e).text}`);
    }
  }
  const settle = debounce(() => void refresh(), SETTLE_MS);

  function stopLive() {
    live?.close();
    live = null;
    settle.cancel();
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  function startLive(site: number) {
    stopLive();
    if (validTopic(hallTopic(site))) {
      live = subscribe([hallTopic(site)], () => settle.run(), (s) => {
        if (s === 'open') settle.run();  // events may have been missed meanwhile
      });
    }
    timer = setInterval(() => void refresh(), REFRESH_MS);
  }

  async function leave(windowId: number) {
    try {
      await signOut(windowId);
    } catch (e) {
      say('warning', `未能在原窗口签退:${panelError('sign-out', e).text}`);
    }
  }

  async function enter(site: number | null, number: number | null) {
    const load = ++loads;
    stopLive();
    message.value = null;
    loadError.value = '';
    if (signedAt !== null && (site === null || number === null)) {
      const from = signedAt;
      signedAt = null;
      await leave(from);  // the clerk left the window
    }
    if (site === null || number === null) {
      win.value = null;
      phase.value = 'none';
      return;
    }
    phase.value = 'loading';
    try {
      const [ws, gs] = await Promise.all([listHallWindows(site), listGroups(site)]);
      if (load !== loads) return;
      groups.value = [...gs.items].sort((a, b) => a.prefix.localeCompare(b.prefix));
      const w = ws.items.find((x) => x.number === number) ?? null;
      if (!w) {
        win.value = null;
        phase.value = 'unmanaged';
        return;
      }
      win.value = w;
      phase.value = w.groups.length > 0 ? 'ready' : 'unmanaged';
      // Signing in here leaves any other window on the server's side.
      try {
        apply(await signIn(w.id));
        signedAt = w.id;
      } catch (e) {
        if (load === loads) say('warning', `未能在本窗口签到:${panelError('sign-in', e).text}`);
      }
      if (load !== loads) return;
      if (win.value && win.value.groups.length > 0) {
        phase.value = 'ready';
        startLive(site);
      } else {
        phase.value = 'unmanaged';
      }
    } catch (e) {
      if (load !== loads) return;
      win.value = null;
      phase.value = 'offline';
      loadError.value = panelError('load', e).text;
    }
  }

  const retry = () => enter(siteId.value, windowNumber.value);

  // One action at a time; whatever happened, the window is read again so
  // the waiting count and the current ticket are the server's.
  async function act(action: PanelAction, run: (id: number) => Promise<void>) {
    const w = win.value;
    if (!w || busy.value) return;
    busy.value = action;
    message.value = null;
    try {
      await run(w.id);
    } catch (e) {
      message.value = panelError(action, e);
    } finally {
      busy.value = '';
      settle.run();
    }
  }

  const call = () => act('call', async (id) => {
    const c = await callNext(id);
    if (win.value) apply({ ...win.value, current: c.ticket });
    say('success', `已呼叫 ${c.ticket.label}${c.ticket.green ? '(绿色通道)' : ''}`);
  });

  const recall = () => act('recall', async (id) => {
    const c = await recallTicket(id);
    say('success', `已重呼 ${c.ticket.label}`);
  });

  function cleared() {
    if (win.value) apply({ ...win.value, current: null });
  }

  const skip = () => act('skip', async (id) => {
    const t = await skipTicket(id);
    cleared();
    say('info', skipText(t.label, t.state));
  });

  const finish = () => act('finish', async (id) => {
    const t = await finishTicket(id);
    cleared();
    say('success', `${t.label} 已办结`);
  });

  const transfer = (code: string) => act('transfer', async (id) => {
    const t = await transferTicket(id, code);
    cleared();
    const name = groups.value.find((g) => g.code === code)?.name ?? code;
    say('success', `${t.label} 已转至“${name}”,按原取号时间排队`);
  });

  const toggleOpen = () => {
    const open = !win.value?.open;
    return act(open ? 'resume' : 'pause', async (id) => {
      apply(await setWindowOpen(id, open));
      say('success', open ? '已恢复服务' : '已暂停服务,当前号码保留');
    });
  };

  const signInAgain = () => act('sign-in', async (id) => {
    apply(await signIn(id));
    signedAt = id;
    say('success', '已在本窗口签到');
  });

  const signOutHere = () => act('sign-out', async (id) => {
    apply(await signOut(id));
    signedAt = null;
    say('info', '已签退,窗口屏不再显示您的信息');
  });

  watch([siteId, windowNumber], ([site, number]) => void enter(site, number), { immediate: true });
  onBeforeUnmount(stopLive);

  return {
    phase, loadError, win, groups, busy, message, signedIn, mode, current, servedGroups, transferTargets,
    retry, call, recall, skip, finish, transfer, toggleOpen, signInAgain, signOutHere,
  };
}
