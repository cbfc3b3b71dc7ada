// Sum over a large slice: fill 1,000,000 ints, then add them all up n times.
"use strict";

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 10;
const xs = [];
for (let i = 0; i < 1000000; i++) xs.push(i % 1000);
let total = 0;
for (let pass = 0; pass < n; pass++) {
  for (const x of xs) total += x;
}
console.log(String(total));
