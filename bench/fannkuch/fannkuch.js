// Fannkuch-redux: for every permutation of 1..n, count the pancake flips
// until 1 comes first; print a signed checksum and the largest flip count.
"use strict";

function fannkuch(n) {
  const perm = new Int32Array(n);
  const current = new Int32Array(n);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) current[i] = i;
  let checksum = 0, maxFlips = 0, index = 0;
  let r = n;
  for (;;) {
    for (; r !== 1; r--) count[r - 1] = r;
    perm.set(current);
    let flips = 0;
    for (let k = perm[0]; k !== 0; k = perm[0]) {
      for (let i = 0, j = k; i < j; i++, j--) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      flips++;
    }
    if (flips > maxFlips) maxFlips = flips;
    checksum += index % 2 === 0 ? flips : -flips;
    // Advance to the next permutation by rotating a growing prefix.
    for (;;) {
      if (r === n) return [checksum, maxFlips];
      const first = current[0];
      for (let i = 0; i < r; i++) current[i] = current[i + 1];
      current[r] = first;
      if (--count[r] > 0) break;
      r++;
    }
    index++;
  }
}

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 10;
const [checksum, maxFlips] = fannkuch(n);
console.log(String(checksum));
console.log(`Pfannkuchen( ${n} ) = ${maxFlips}`);
