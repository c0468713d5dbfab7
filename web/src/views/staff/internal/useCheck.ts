// One check in its drawer: read it, and take the answers of the judging and
// closing calls (which return the check or the finding) without re-reading.
import { ref, type Ref } from 'vue';
import { describeError } from '@/api/client';
import { getInternalCheck, type CheckDetail, type Finding } from '@/api/staff';

export function useCheck(id: Ref<number | null>) {
  const check = ref<CheckDetail | null>(null);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  async function load() {
    if (id.value === null) return;
    const mine = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const c = await getInternalCheck(id.value);
      if (mine === reads) check.value = c;
    } catch (e) {
      if (mine === reads) error.value = describeError(e);
    } finally {
      if (mine === reads) loading.value = false;
    }
  }

  function replace(c: CheckDetail) {
    reads++;
    loading.value = false;
    check.value = c;
  }

  function closed(f: Finding) {
    const c = check.value;
    if (!c) return;
    const list = c.finding_list.map((x) => (x.id === f.id ? f : x));
    check.value = { ...c, finding_list: list, open_findings: list.filter((x) => x.closed_at === null).length };
  }

  return { check, loading, error, load, replace, closed };
}
