// Days as the server keeps them: 'YYYY-MM-DD' in Beijing.
import { shanghaiDate } from '@/utils/time';

export const today = (): string => shanghaiDate(new Date());
// For el-date-picker :disabled-date: no day after today.
export const afterToday = (d: Date): boolean => shanghaiDate(d) > today();
