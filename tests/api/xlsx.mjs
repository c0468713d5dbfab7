// Reading back an XLSX the server wrote (unzip + the sheet XML): the cells of
// a worksheet's row whose first cell reads `label`, numbers as numbers,
// shared strings resolved.
import { execFileSync } from 'node:child_process';

export function rowOf(xlsx, sheet, label) {
  const strings = [...execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' })
    .matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
  const xml = execFileSync('unzip', ['-p', xlsx, `xl/worksheets/${sheet}.xml`], { encoding: 'utf8' });
  for (const row of xml.matchAll(/<row [^>]*>(.*?)<\/row>/g)) {
    const cells = [...row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)].map((c) => {
      if (c[3] === undefined) return null;
      return c[2].includes('t="s"') ? strings[Number(c[3])] : Number(c[3]);
    });
    if (cells[0] === label) return cells;
  }
  return undefined;
}
