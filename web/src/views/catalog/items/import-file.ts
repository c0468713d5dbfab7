// Reading the import file and writing the template. The libraries are loaded
// with import() when they are needed, so only this dialog pays for them
// (exceljs alone is about 1 MB); the functions that take the library as an
// argument are what the tests use.
import { IMPORT_COLUMNS, cellText, decodeCsv, templateExample, templateHeaders } from './import-format';

type ExcelJS = typeof import('exceljs');
type Papa = typeof import('papaparse');

// A CommonJS/UMD bundle arrives as the default export of the module.
async function loadExcel(): Promise<ExcelJS> {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: ExcelJS }).default ?? mod;
}

async function loadPapa(): Promise<Papa> {
  const mod = await import('papaparse');
  return (mod as unknown as { default?: Papa }).default ?? mod;
}

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetRead = { ok: true; matrix: string[][] } | { ok: false; problem: string };

// Every row of the sheet as text cells, row 1 first; missing cells are "".
export async function xlsxMatrix(excel: ExcelJS, data: ArrayBuffer): Promise<SheetRead> {
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(data);
  } catch {
    return { ok: false, problem: '无法读取这个 Excel 文件,请用 Excel 或 WPS 另存为 .xlsx 格式后再试' };
  }
  // The sheet whose first row has the code column (the template's first
  // sheet, unless someone reordered them), else the first sheet.
  const sheets = workbook.worksheets;
  const sheet = sheets.find((ws) => {
    const cells = ws.getRow(1).values;
    return Array.isArray(cells) && cells.some((v) => ['事项编码', 'code'].includes(cellText(v).trim()));
  }) ?? sheets[0];
  if (!sheet) return { ok: false, problem: '这个 Excel 文件中没有工作表' };
  const matrix: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    matrix[rowNumber - 1] = cells;
  });
  return { ok: true, matrix: Array.from(matrix, (r) => Array.from(r ?? [], (c) => c ?? '')) };
}

export function csvMatrix(papa: Papa, text: string): SheetRead {
  const result = papa.parse<string[]>(text, { skipEmptyLines: false });
  const broken = result.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    return { ok: false, problem: `CSV 文件第 ${(broken.row ?? 0) + 1} 行的引号不成对,请检查后重试` };
  }
  return { ok: true, matrix: result.data.map((r) => r.map((c) => String(c ?? ''))) };
}

export async function readSheet(file: File): Promise<SheetRead> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, problem: '文件超过 10 MB,请分批导入' };
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return xlsxMatrix(await loadExcel(), await file.arrayBuffer());
  if (name.endsWith('.csv')) return csvMatrix(await loadPapa(), decodeCsv(await file.arrayBuffer()));
  return { ok: false, problem: '请选择 .xlsx(Excel)或 .csv 文件;.xls 等旧格式请先另存为 .xlsx' };
}

// --- The template ------------------------------------------------------------------------------

const NOTE = '“事项”工作表第 1 行为表头(请勿修改),第 2 行为示例,导入前请改写或删除;从第 2 行起每行一个事项。'
  + '一次导入要么全部成功,要么全部不导入;导入的事项为草稿,须提交审核、由另一人审核后发布。';

export function buildTemplate(excel: ExcelJS): InstanceType<ExcelJS['Workbook']> {
  const workbook = new excel.Workbook();
  workbook.creator = '一窗';
  const sheet = workbook.addWorksheet('事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const head = sheet.addRow(templateHeaders());
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2DCDB' } };
  head.alignment = { vertical: 'middle' };
  const example = sheet.addRow(templateExample());
  example.alignment = { vertical: 'top', wrapText: true };

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 12 }, { width: 90 }, { width: 60 }];
  help.addRow(['说明', NOTE]).alignment = { vertical: 'top', wrapText: true };
  help.addRow([]);
  help.addRow(['列', '填写说明', '示例']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.hint, c.example]).alignment = { vertical: 'top', wrapText: true };
  return workbook;
}

export async function downloadTemplate(): Promise<void> {
  const data = await buildTemplate(await loadExcel()).xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([data], { type: XLSX_MIME }));
  const link = document.createElement('a');
  link.href = url;
  link.download = '服务事项导入模板.xlsx';
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
