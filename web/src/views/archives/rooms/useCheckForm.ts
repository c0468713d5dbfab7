// 记录库房检查 (archive.write): the readings and the fire-safety answers; the
// server judges them against JGJ 25-2010 (14–24 °C, 45%–60%) and flags 异常.
// The hint under each reading says the same before saving.
import { computed, reactive, ref } from 'vue';
import { HUMIDITY_RANGE, recordRoomCheck, TEMPERATURE_RANGE, type RoomCheck } from '@/api/archives';
import { useServerErrors } from '@/utils/form-errors';

const FIELDS = ['unit_code', 'room', 'checked_at', 'temperature', 'humidity', 'extinguisher_ok', 'smoke_detector_ok',
  'note'] as const;

function blank(room: string) {
  return {
    room, temperature: 20 as number | undefined, humidity: 50 as number | undefined,
    extinguisher_ok: true, smoke_detector_ok: true, pests: false, leaks: false, note: '',
  };
}

function outside(v: number | undefined, [lo, hi]: readonly [number, number]): boolean {
  return v !== undefined && (v < lo || v > hi);
}

export function useCheckForm() {
  const form = reactive(blank(''));
  const saving = ref(false);
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);
  const temperatureOut = computed(() => outside(form.temperature, TEMPERATURE_RANGE));
  const humidityOut = computed(() => outside(form.humidity, HUMIDITY_RANGE));

  function prepare(room: string) {
    Object.assign(form, blank(room));
    clear();
  }

  // unit: the street of a known room; else the keeper's own.
  async function save(unit?: string): Promise<RoomCheck | null> {
    if (saving.value) return null;
    saving.value = true;
    clear();
    try {
      return await recordRoomCheck({
        ...(unit ? { unit_code: unit } : {}),
        room: form.room.trim(), temperature: form.temperature ?? Number.NaN, humidity: form.humidity ?? Number.NaN,
        extinguisher_ok: form.extinguisher_ok, smoke_detector_ok: form.smoke_detector_ok, pests: form.pests,
        leaks: form.leaks, note: form.note.trim(),
      });
    } catch (e) {
      show(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { form, saving, fieldErrors, formError, temperatureOut, humidityOut, prepare, save };
}
