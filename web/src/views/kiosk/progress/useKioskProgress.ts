// 办件进度 on the kiosk: the receipt's QR code held to the kiosk's scanner
// (which types the link and Enter), or the case number and the applicant's
// ID number on the number pad. The look-up is the public page's
// (views/progress/useProgressLookup); the ID number leaves its field once
// used, and stays in memory only as the proof for rating the case (服务评价),
// until 查询其他办件 or the start page.
import { computed, onBeforeUnmount, onMounted, ref } from 'vue';
import type { RatingTarget } from '@/views/progress/useCaseRating';
import { useRouter } from 'vue-router';
import { isResidentId } from '@/views/cases/shared/id-number';
import { createScanBuffer, parseReceiptCode } from '@/views/progress/receipt';
import { useProgressLookup } from '@/views/progress/useProgressLookup';
import { caseNoFromDigits, keypadComplete } from '../shared/keypad';
import { useKioskDevice } from '../shared/useKioskDevice';
import { useKioskIdCard } from '../shared/useKioskIdCard';

export type ProgressField = 'case' | 'id';

export function useKioskProgress() {
  const router = useRouter();
  const device = useKioskDevice();
  const { progress, loading, error, byToken, byId, reset } = useProgressLookup();
  const caseDigits = ref('');
  const idNumber = ref('');
  const active = ref<ProgressField>('case');
  const scanProblem = ref('');
  const ratingTarget = ref<RatingTarget | null>(null);

  const caseComplete = computed(() => keypadComplete(caseDigits.value, 'case'));
  const idProblem = computed(() =>
    (keypadComplete(idNumber.value, 'id') && !isResidentId(idNumber.value) ? '身份证号码有误,请核对后重新输入' : ''));
  const ready = computed(() => caseComplete.value && keypadComplete(idNumber.value, 'id') && idProblem.value === '');

  // What the pad types goes to the chosen field; a full case number moves on.
  const typed = computed({
    get: () => (active.value === 'case' ? caseDigits.value : idNumber.value),
    set: (v: string) => {
      if (active.value === 'case') {
        caseDigits.value = v;
        if (v.length === 14 && caseComplete.value) active.value = 'id';
      } else idNumber.value = v;
    },
  });

  // 刷身份证: the applicant's number into its field, as if typed; 查询 stays the person's.
  const idCard = useKioskIdCard(idNumber, { before: () => { active.value = 'id'; } });

  async function submit() {
    if (!ready.value || loading.value) return;
    scanProblem.value = '';
    const caseNo = caseNoFromDigits(caseDigits.value);
    const found = await byId(caseNo, idNumber.value);
    ratingTarget.value = found ? { caseNo, proof: { id_number: idNumber.value } } : null;
    if (found) idNumber.value = '';  // a shared device keeps no ID number on screen
  }

  async function scanned(text: string) {
    const code = parseReceiptCode(text);
    if (!code) {
      scanProblem.value = '这不是受理回执上的二维码,请扫描受理回执上的二维码';
      return;
    }
    scanProblem.value = '';
    const found = await byToken(code.caseNo, code.token);
    ratingTarget.value = found ? { caseNo: code.caseNo, proof: { t: code.token } } : null;
  }

  function another() {
    reset();
    ratingTarget.value = null;
    caseDigits.value = '';
    idNumber.value = '';
    active.value = 'case';
    scanProblem.value = '';
  }

  function home() {
    void router.replace({ name: 'kiosk' });
  }

  const buffer = createScanBuffer();
  function onKey(event: KeyboardEvent) {
    const text = buffer.key(event.key, event.timeStamp || Date.now());
    if (text !== null && !loading.value) void scanned(text);
  }

  onMounted(() => {
    window.addEventListener('keydown', onKey);
    if (device.status.value !== 'ready') void device.refresh();
  });
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));

  return {
    status: device.status, progress, loading, error, caseDigits, idNumber, active, typed, idProblem, scanProblem, ready,
    submit, another, home, idCard, ratingTarget, token: device.token,
  };
}
