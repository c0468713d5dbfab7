import { computed, onBeforeUnmount, ref } from 'vue';
import { subscribe, validTopic, type EventSubscription, type LiveEvent, type StreamState } from '@/api/events';

const MAX_KEPT = 200;

export function useLiveEvents(initialTopics = 'system') {
  const topicsText = ref(initialTopics);
  const state = ref<StreamState>('closed');
  const events = ref<LiveEvent[]>([]);
  const inputError = ref('');
  let sub: EventSubscription | null = null;

  const topics = computed(() =>
    topicsText.value.split(/[,,\s]+/).map((t) => t.trim()).filter((t) => t.length > 0),
  );

  function connect() {
    const list = topics.value;
    const bad = list.find((t) => !validTopic(t));
    if (list.length === 0) {
      inputError.value = '请至少输入一个主题';
      return;
    }
    if (bad !== undefined) {
      inputError.value = `主题"${bad}"不合规:只能包含小写字母、数字和 . _ -`;
      return;
    }
    inputError.value = '';
    sub?.close();
    events.value = [];
    sub = subscribe(
      list,
      (e) => {
        events.value = [e, ...events.value].slice(0, MAX_KEPT);
      },
      (s) => {
        state.value = s;
      },
    );
  }

  function disconnect() {
    sub?.close();
    sub = null;
  }

  onBeforeUnmount(disconnect);
  return { topicsText, state, events, inputError, connect, disconnect };
}
