// Quicksort: sort n pseudo-random ints (Park-Miller generator) with a
// recursive Hoare-partition quicksort; print the smallest, median and largest.
"use strict";

function quicksort(a, lo, hi) {
  if (lo >= hi) return;
  const pivot = a[lo + Math.floor((hi - lo) / 2)];
  let i = lo, j = hi;
  while (i <= j) {
    while (a[i] < pivot) i++;
    while (a[j] > pivot) j--;
    if (i <= j) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
      i++;
      j--;
    }
  }
  quicksort(a, lo, j);
  quicksort(a, i, hi);
}

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 1000000;
const a = [];
let seed = 42;
for (let i = 0; i < n; i++) {
  seed = seed * 16807 % 2147483647;
  a.push(seed);
}
quicksort(a, 0, n - 1);
let sorted = true;
for (let i = 1; i < n && sorted; i++) {
  if (a[i - 1] > a[i]) {
    console.log(`not sorted at ${i}`);
    sorted = false;
  }
}
if (sorted) console.log(`${a[0]} ${a[Math.floor(n / 2)]} ${a[n - 1]}`);
