// One person of the registry (人员详情): the record, the audited full contact
// on demand, follow-up visits, the vacancies they could take, referrals,
// guidance and training. Every write answers the whole record, which
// replaces the one shown (its version moves on with it).
import { ref } from 'vue';
import { describeError } from '@/api/client';
import {
  getResident, refer, residentMatches, revealResident, type Contact, type Match, type ResidentDetail, type Vacancy,
} from '@/api/employment';

export function useResident(id: () => number) {
  const person = ref<ResidentDetail | null>(null);
  const loading = ref(true);
  const error = ref('');
  const contact = ref<Contact | null>(null);
  const matches = ref<{ vacancy: Vacancy; match: Match }[]>([]);
  const matchesLoading = ref(false);
  const matchesError = ref('');
  const referred = ref(new Set<number>());

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      person.value = await getResident(id());
    } catch (e) {
      error.value = describeError(e);
    } finally {
      loading.value = false;
    }
  }
  async function loadMatches() {
    matchesLoading.value = true;
    matchesError.value = '';
    try {
      matches.value = (await residentMatches(id())).items;
    } catch (e) {
      matchesError.value = describeError(e);
    } finally {
      matchesLoading.value = false;
    }
  }
  async function reveal() {
    contact.value = await revealResident(id());
  }
  async function referTo(vacancyId: number) {
    await refer(id(), vacancyId);
    referred.value.add(vacancyId);
    await load();
  }
  function replace(p: ResidentDetail) {
    person.value = p;
  }
  return { person, loading, error, load, contact, reveal, matches, matchesLoading, matchesError, loadMatches, referred,
    referTo, replace };
}
