// 库房检查 (policy 三(五)): each room with its last check, and the checks
// (≤ 500, newest first) by room, period or only the abnormal ones.
import { onMounted, reactive, ref } from 'vue';
import { describeError } from '@/api/client';
import { listRoomChecks, listRooms, type ArchiveRoom, type RoomCheck } from '@/api/archives';

export function useRoomChecks(enabled: () => boolean) {
  const filter = reactive({ room: '', from: '', to: '', abnormal: false });
  const rooms = ref<ArchiveRoom[]>([]);
  const checks = ref<RoomCheck[]>([]);
  const loading = ref(false);
  const error = ref('');
  let reads = 0;

  async function load() {
    if (!enabled()) return;
    const read = ++reads;
    loading.value = true;
    error.value = '';
    try {
      const [r, c] = await Promise.all([
        listRooms(),
        listRoomChecks({ room: filter.room, from: filter.from, to: filter.to, abnormal: filter.abnormal }),
      ]);
      if (read === reads) {
        rooms.value = r.items;
        checks.value = c.items;
      }
    } catch (e) {
      if (read === reads) error.value = describeError(e);
    } finally {
      if (read === reads) loading.value = false;
    }
  }

  onMounted(load);
  return { filter, rooms, checks, loading, error, load };
}
