// What every staff page needs first: the sites in scope (for the pickers)
// and the employments and posts the server knows (GET /api/staff/meta).
import { computed, onMounted, ref } from 'vue';
import { describeError } from '@/api/client';
import { listSites, type Site } from '@/api/org';
import { getMeta, type StaffMeta } from '@/api/staff';
import { useSessionStore } from '@/stores/session';

export function useStaffBasics() {
  const session = useSessionStore();
  const sites = ref<Site[]>([]);
  const meta = ref<StaffMeta>({ employments: [], posts: [], incompatible: [] });
  const basicsLoading = ref(true);
  const basicsError = ref('');
  const canManage = computed(() => session.hasPermission('staff.manage'));

  async function loadBasics() {
    basicsLoading.value = true;
    basicsError.value = '';
    try {
      const [s, m] = await Promise.all([listSites(), getMeta()]);
      sites.value = s.items;
      meta.value = m;
    } catch (e) {
      basicsError.value = describeError(e);
    } finally {
      basicsLoading.value = false;
    }
  }

  onMounted(loadBasics);
  return { sites, meta, basicsLoading, basicsError, loadBasics, canManage };
}
