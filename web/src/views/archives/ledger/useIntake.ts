// 接收档案 (archive.write): the person (ID number and name, sealed by the
// server), the street that keeps the file (the keeper's own street, else one
// picked from the streets they may see), where it came from, pages, and where
// it is put. The answer carries the new file number.
import { computed, reactive, ref } from 'vue';
import { describeError } from '@/api/client';
import { takeFile, type ArchiveFile, type FileSource } from '@/api/archives';
import { listUnits, type Unit } from '@/api/org';
import { useSessionStore } from '@/stores/session';
import { useServerErrors } from '@/utils/form-errors';
import { beijingToday } from '../shared/format';

const FIELDS = ['unit_code', 'id_number', 'name', 'source', 'source_org', 'received_day', 'pages', 'note', 'room',
  'cabinet', 'shelf', 'box'] as const;

function blank() {
  return {
    unit_code: '', id_number: '', name: '', source: 'registration' as FileSource, source_org: '',
    received_day: beijingToday(), pages: 10, note: '', room: '', cabinet: '', shelf: '', box: '',
  };
}

export function useIntake() {
  const session = useSessionStore();
  const form = reactive(blank());
  const streets = ref<Unit[]>([]);
  const listError = ref('');
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);
  const ownStreet = computed(() => streets.value.some((u) => u.code === session.me?.account.unit_code));

  async function prepare() {
    const keepPlace = { room: form.room, cabinet: form.cabinet, shelf: form.shelf, box: form.box };
    Object.assign(form, blank(), keepPlace);  // the next file often goes to the same box
    clear();
    listError.value = '';
    try {
      streets.value = (await listUnits()).items.filter((u) => u.level === 3);
      const own = session.me?.account.unit_code ?? '';
      form.unit_code = streets.value.some((u) => u.code === own) ? own : (streets.value[0]?.code ?? '');
    } catch (e) {
      listError.value = describeError(e);
    }
  }

  async function save(): Promise<ArchiveFile | null> {
    if (saving.value) return null;
    saving.value = true;
    clear();
    try {
      const f = form;
      const taken = await takeFile({
        ...(f.unit_code ? { unit_code: f.unit_code } : {}),
        id_number: f.id_number.trim().toUpperCase(), name: f.name.trim(), source: f.source,
        ...(f.source === 'transfer_in' ? { source_org: f.source_org.trim() } : {}),
        received_day: f.received_day, pages: f.pages, note: f.note.trim(),
        room: f.room.trim(), cabinet: f.cabinet.trim(), shelf: f.shelf.trim(), box: f.box.trim(),
      });
      form.id_number = '';  // nothing of the person stays in the page
      form.name = '';
      return taken;
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, streets, ownStreet, listError, saving, fieldErrors, formError, prepare, save };
}
