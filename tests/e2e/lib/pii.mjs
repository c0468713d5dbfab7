// Personal data that must never be written out (issue 13, item 5;
// research/security.md): resident ID numbers that pass their GB 11643 check
// character, and mainland mobile numbers, standing alone (not inside a longer
// token such as a request id). Used on every test server's log when it stops.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function validResidentId(s) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i];
  return '10X98765432'[sum % 11] === s[17].toUpperCase();
}

// [{ kind, masked, line }] for each unmasked ID number or mobile number in `text`.
export function personalDataIn(text) {
  const found = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) {
      if (validResidentId(m[0])) found.push({ kind: 'resident id', masked: `${m[0].slice(0, 6)}********${m[0].slice(14)}`, line: i + 1 });
    }
    for (const m of line.matchAll(/(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g)) {
      found.push({ kind: 'mobile', masked: `${m[0].slice(0, 3)}****${m[0].slice(7)}`, line: i + 1 });
    }
  });
  return found;
}
