// 投诉举报 for staff: the complaints in the caller's units (one read, ≤ 500,
// counted and filtered by state here, so every tab shows its count), and who
// may do what. ?state= keeps the tab.
import { computed, onMounted, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { describeError } from '@/api/client';
import { listComplaints, STATE_LABELS, type Complaint, type ComplaintState } from '@/api/complaints';
import { useSessionStore } from '@/stores/session';
import { upsertById } from '@/utils/list';

export const STATE_TABS = Object.keys(STATE_LABELS) as ComplaintState[];

function stateOf(value: unknown): ComplaintState {
  return STATE_TABS.includes(value as ComplaintState) ? (value as ComplaintState) : 'received';
}

export function useComplaintPermissions() {
  const session = useSessionStore();
  return {
    canRead: computed(() => session.hasPermission('complaint.read')),
    canIntake: computed(() => session.hasPermission('complaint.intake')),
    canHandle: computed(() => session.hasPermission('complaint.handle')),
    canReveal: computed(() => session.hasPermission('complaint.reveal')),
  };
}

export function useComplaints(enabled: () => boolean) {
  const route = useRoute();
  const router = useRouter();
  const state = ref<ComplaintState>(stateOf(route.query.state));
  const all = ref<Complaint[]>([]);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  const items = computed(() => all.value.filter((c) => c.state === state.value));
  const counts = computed(() => {
    const n = Object.fromEntries(STATE_TABS.map((s) => [s, 0])) as Record<ComplaintState, number>;
    for (const c of all.value) n[c.state] += 1;
    return n;
  });
  const overdueCount = computed(() => all.value.filter((c) => c.overdue).length);

  async function load() {
    if (!enabled()) return;
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const answer = (await listComplaints()).items;
      if (read === reads) all.value = answer;
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  // A step taken in the drawer: the row changes in place (and maybe its tab).
  const replace = (c: Complaint) => upsertById(all.value, c);

  watch(state, (s) => void router.replace({ query: s === 'received' ? {} : { state: s } }));
  onMounted(load);

  return { state, items, counts, overdueCount, loading, error, load, replace };
}
