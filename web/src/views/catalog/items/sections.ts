// Where in the editor a finding's path is shown: the id of its section.
import { memberOf } from '@/utils/catalog-document';

export const BASIC_MEMBERS = [
  'code', 'name', 'type', 'summary', 'category', 'service_level', 'channels', 'citywide', 'high_risk', 'life_events',
  'synonyms', 'demo',
] as const;

const OWN_SECTIONS = ['legal_basis', 'time_limit', 'conditions', 'materials', 'process', 'result', 'fee', 'body'];

export function sectionFor(path: string): string {
  const member = memberOf(path);
  if (member === 'levels' || member === 'service_objects') return 'editor-levels';
  if (OWN_SECTIONS.includes(member)) return `editor-${member}`;
  return 'editor-basic';
}
