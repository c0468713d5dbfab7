// One person in the drawer: the detail with contacts, activities and death
// reports; the audited reveal (dropped when the drawer closes); and the
// steps: 年度联系, 死亡报告, 复核. Each step answers the new detail.
import { reactive, ref } from 'vue';
import { describeError } from '@/api/client';
import { useRecordDrawer } from '@/composables/useRecordDrawer';
import {
  addContact, getRetiree, recheckDeath, reportDeath, revealRetiree,
  type ContactMethod, type DeathSource, type Person, type RetireeDetail,
} from '@/api/retirees';
import { confirmAction } from '@/utils/feedback';
import { shanghaiDate } from '@/utils/time';

export function useRetireeDrawer() {
  const drawer = useRecordDrawer<RetireeDetail>(getRetiree);
  const { id, detail, loading, error, load } = drawer;
  // The reveal is a step like the others, so its error shows beside it.
  const person = ref<Person | null>(null);
  const busy = ref('');          // the step under way
  const stepError = ref('');
  const failedStep = ref('');   // where the error is shown: beside the step that failed
  const contact = reactive({ day: '', method: 'visit' as ContactMethod, note: '' });
  const death = reactive({ death_day: '', source: 'family' as DeathSource, note: '' });
  const rejectReason = ref('');

  function forget() {
    drawer.forget();
    person.value = null;
    stepError.value = '';
    failedStep.value = '';
  }

  function open(which: number) {
    forget();
    Object.assign(contact, { day: shanghaiDate(new Date()), method: 'visit', note: '' });
    Object.assign(death, { death_day: '', source: 'family', note: '' });
    rejectReason.value = '';
    drawer.open(which);
  }

  // One step at a time; the new detail replaces the old.
  async function run(name: string, fn: (id: number) => Promise<RetireeDetail | Person>): Promise<boolean> {
    const want = id.value;
    if (want === null || busy.value) return false;
    busy.value = name;
    stepError.value = '';
    failedStep.value = '';
    try {
      const answer = await fn(want);
      if (id.value !== want) return false;
      if ('contacts' in answer) detail.value = answer;
      else person.value = answer;
      return true;
    } catch (e) {
      if (id.value === want) {
        stepError.value = describeError(e);
        failedStep.value = name;
      }
      return false;
    } finally {
      busy.value = '';
    }
  }

  async function reveal() {
    if (!(await confirmAction('查看完整的姓名、身份证号码、电话和地址将记入审计日志。仅在联系、走访需要时查看。',
      '查看个人信息', '确认查看'))) return false;
    return run('reveal', revealRetiree);
  }

  async function saveContact() {
    const ok = await run('contact', (x) => addContact(x, { ...contact, note: contact.note.trim() }));
    if (ok) contact.note = '';
    return ok;
  }

  async function saveDeath() {
    if (!(await confirmAction('提交后人员状态变为“死亡待复核”,待遇在另一名编制内工作人员复核确认后停发。',
      '报告死亡', '确认报告'))) return false;
    return run('death', (x) => reportDeath(x, { ...death, note: death.note.trim() }));
  }

  async function recheck(decision: 'confirm' | 'reject') {
    const text = decision === 'confirm'
      ? '确认后人员状态变为“已故”,待遇自死亡次月起停发。此操作记入审计日志。'
      : '退回后人员恢复“正常”状态,待遇继续发放。';
    if (!(await confirmAction(text, '死亡信息复核', decision === 'confirm' ? '确认死亡' : '退回报告'))) return false;
    return run(decision, (x) => recheckDeath(x, decision, rejectReason.value.trim()));
  }

  return {
    id, detail, loading, error, person, busy, stepError, failedStep, contact, death, rejectReason,
    open, forget, load, reveal, saveContact, saveDeath, recheck,
  };
}
