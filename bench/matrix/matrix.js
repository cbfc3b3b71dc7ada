// Matrix multiply: two n x n float64 matrices, multiplied row by row
// (i-k-j order); prints the sum of the product's entries.
"use strict";

function newMatrix(n) {
  const m = [];
  for (let i = 0; i < n; i++) m.push(new Float64Array(n));
  return m;
}

function multiply(a, b) {
  const n = a.length;
  const c = newMatrix(n);
  for (let i = 0; i < n; i++) {
    const ci = c[i];
    for (let k = 0; k < n; k++) {
      const aik = a[i][k];
      const bk = b[k];
      for (let j = 0; j < n; j++) ci[j] += aik * bk[j];
    }
  }
  return c;
}

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 200;
const a = newMatrix(n), b = newMatrix(n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    a[i][j] = ((i + 1) * (j + 2) % 17) / 16 - 0.5;
    b[i][j] = ((3 * i + j) % 13) / 12;
  }
}
const c = multiply(a, b);
let sum = 0.0;
for (const row of c) for (const x of row) sum += x;
console.log(sum.toFixed(6));
