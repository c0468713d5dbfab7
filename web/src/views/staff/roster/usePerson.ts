// One person in the drawer: read afresh whenever the drawer opens on them,
// and again after every change made inside it.
import { ref, type Ref } from 'vue';
import { getPerson, type PersonDetail } from '@/api/staff';
import { useLatestRead } from '@/composables/useLatestRead';

export function usePerson(accountId: Ref<number | null>) {
  const { data: person, loading, error, load } = useLatestRead<PersonDetail | null>(
    async () => (accountId.value === null ? null : getPerson(accountId.value)), null);
  const tab = ref<'profile' | 'history' | 'training' | 'attendance'>('profile');
  return { person, loading, error, load, tab };
}
