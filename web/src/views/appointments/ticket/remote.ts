// What 网上取号 says: why a group cannot be taken, the hours as lines, and
// a refusal of the server as the page shows it. Pure, so it is tested
// without a browser.
import { ApiError, describeError } from '@/api/client';
import type { Board } from '@/api/screen';
import { groupUnavailable } from '@/views/kiosk/shared/result';

// What the page can offer for the site's board.
export type RemoteOffer =
  | 'off'       // the site does not give tickets on the web
  | 'closed'    // not within the ticket hours now
  | 'no-groups' // no service groups set up
  | 'open';

export function remoteOffer(board: Board): RemoteOffer {
  if (!board.remote_tickets) return 'off';
  if (!board.open_now) return 'closed';
  if (board.groups.length === 0) return 'no-groups';
  return 'open';
}

// Whether tickets are given now, as the page's badge says it.
export function openText(board: Board): string {
  if (!board.open_now) return '现在不是取号时间';
  return board.remote_tickets ? '现在可以取号' : '大厅现在可以取号';
}

// The server's hours for people, one line per kind of day, each line its
// parts (so a period is never broken across lines):
// "工作日 08:30-12:00,13:00-17:00,周末及节假日休息"
//   -> [["工作日 08:30-12:00", "13:00-17:00"], ["周末及节假日休息"]].
// A part that starts with a digit continues the line before it.
export function hoursLines(hours: string): string[][] {
  const lines: string[][] = [];
  for (const part of hours.split(/[,,]/).map((p) => p.trim()).filter((p) => p !== '')) {
    const last = lines[lines.length - 1];
    if (/^\d/.test(part) && last) last.push(part);
    else lines.push([part]);
  }
  return lines;
}

export interface GroupChoice {
  code: string;
  name: string;
  waiting: number;
  unavailable: string;  // why it cannot be taken ('暂停取号', '暂无窗口办理'); "" when it can
}

export function groupChoices(board: Board): GroupChoice[] {
  return board.groups.map((g) => ({ code: g.code, name: g.name, waiting: g.waiting, unavailable: groupUnavailable(g) }));
}

// A refusal of POST .../remote-tickets as the page shows it.
//   field:   the mobile number is wrong: shown on its field;
//   held:    409, this number already holds a waiting ticket (the message names it);
//   refused: 422 or 404, not now or not this group: the board is read again;
//   network: no answer: 重试 sends the same again.
export type RemoteProblemKind = 'field' | 'held' | 'refused' | 'network' | 'other';

export interface RemoteProblem {
  kind: RemoteProblemKind;
  title: string;
  message: string;
}

export function remoteProblem(e: unknown): RemoteProblem {
  if (!(e instanceof ApiError)) return { kind: 'other', title: '取号没有成功', message: describeError(e) };
  if (e.status === 0) {
    return { kind: 'network', title: '网络连接中断', message: '暂时无法连接服务器,请检查网络后重试' };
  }
  if (e.status === 409) return { kind: 'held', title: '您已取过号', message: e.message };
  if (e.field === 'phone' && (e.status === 400 || e.status === 422)) {
    return { kind: 'field', title: '', message: e.message };
  }
  if (e.status === 422 || e.status === 404) {
    const message = e.code.startsWith('HTTP_') ? '该业务现在不能取号,请稍后再试或到大厅自助终端取号' : e.message;
    return { kind: 'refused', title: '现在不能取号', message };
  }
  return { kind: 'other', title: '取号没有成功', message: describeError(e) };
}
