// The call being answered: the form, its rules, the server's refusals under
// their fields, and one Idempotency-Key per save (a retry after a lost
// answer records the call once).
import { reactive, ref, watch } from 'vue';
import type { FormInstance, FormItemRule } from 'element-plus';
import { ActionKey, createConsultation, type Consultation, type ConsultationInput } from '@/api/cases';
import type { CatalogAnswer } from '@/api/catalog';
import { useServerErrors } from '@/utils/form-errors';
import { appendQuote, callerPhoneProblem, MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, normalizePhone, quoteAnswer } from './hotline';

const FIELDS = ['contact_phone', 'contact_name', 'question', 'item_code', 'answer'] as const;
type Field = (typeof FIELDS)[number];

const blank = () => ({ contact_phone: '', contact_name: '', question: '', item_code: '', answer: '' });

export function useCallForm(onSaved: (c: Consultation) => void) {
  const formRef = ref<FormInstance>();
  const form = reactive(blank());
  // The name the item select shows for a code set by 引用到答复.
  const itemName = ref('');
  const saving = ref(false);
  const key = new ActionKey();
  const { fieldErrors, formError, clear, show } = useServerErrors(FIELDS);

  const phoneRule: FormItemRule = {
    trigger: 'blur',
    validator: (_r, value: string, callback) => {
      const problem = callerPhoneProblem(value ?? '');
      if (problem) callback(new Error(problem));
      else callback();
    },
  };
  // Required and length are checked on 保存 only ('submit' is no event of
  // the inputs): someone on the phone tabs through fields they fill later,
  // and the form clearing for the next call must not light up in red.
  const onSave = 'submit';
  const rules: Partial<Record<Field, FormItemRule[]>> = {
    contact_phone: [phoneRule],
    question: [
      { required: true, whitespace: true, message: '请填写来电人的问题', trigger: onSave },
      { max: MAX_QUESTION_CHARS, message: `问题不超过 ${MAX_QUESTION_CHARS} 字`, trigger: onSave },
    ],
    answer: [
      { required: true, whitespace: true, message: '请填写答复内容', trigger: onSave },
      { max: MAX_ANSWER_CHARS, message: `答复不超过 ${MAX_ANSWER_CHARS} 字,请删减后再保存`, trigger: onSave },
    ],
  };

  // A field edited after a refusal (ours or the server's) is the person's
  // answer to it: the message goes until the next blur or save.
  for (const f of FIELDS) {
    watch(() => form[f], () => {
      fieldErrors[f] = '';
      formRef.value?.clearValidate(f);
    });
  }

  // 引用到答复: the guide's lines go under what is already said, and the
  // item becomes the call's 相关事项.
  function quote(answer: CatalogAnswer) {
    form.answer = appendQuote(form.answer, quoteAnswer(answer));
    form.item_code = answer.code;
    itemName.value = answer.name;
  }

  function reset() {
    Object.assign(form, blank());
    itemName.value = '';
    clear();
    formRef.value?.clearValidate();
  }

  function body(): ConsultationInput {
    const input: ConsultationInput = { channel: 'phone', question: form.question.trim(), answer: form.answer.trim() };
    if (form.item_code) input.item_code = form.item_code;
    if (form.contact_name.trim()) input.contact_name = form.contact_name.trim();
    const phone = normalizePhone(form.contact_phone);
    if (phone) input.contact_phone = phone;
    return input;
  }

  // true when the call was recorded.
  async function save(): Promise<boolean> {
    if (saving.value) return false;
    clear();
    if (!(await formRef.value?.validate().catch(() => false))) return false;
    const input = body();
    saving.value = true;
    try {
      const created = await key.run(input, (k) => createConsultation(input, k));
      reset();
      onSaved(created);
      return true;
    } catch (e) {
      show(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { formRef, form, itemName, rules, saving, fieldErrors, formError, quote, reset, save };
}
