// The object a page's drawer shows, kept in the address (?id=) so a reload
// or a shared link opens it again.
import { computed, type ComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export function useQueryId(): { openId: ComputedRef<number | null>; open: (id: number) => void; close: () => void } {
  const route = useRoute();
  const router = useRouter();
  const openId = computed(() => {
    const id = Number(route.query.id);
    return Number.isInteger(id) && id > 0 ? id : null;
  });
  function open(id: number) {
    void router.replace({ query: { ...route.query, id: String(id) } });
  }
  function close() {
    const query = { ...route.query };
    delete query.id;
    void router.replace({ query });
  }
  return { openId, open, close };
}
