// Spectral norm: the largest singular value of the infinite matrix
// A(i,j) = 1/((i+j)(i+j+1)/2+i+1), cut to n x n, by 10 power iterations.
"use strict";

function a(i, j) {
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}

function mulAv(v, av) {
  for (let i = 0; i < av.length; i++) {
    let s = 0.0;
    for (let j = 0; j < v.length; j++) s += a(i, j) * v[j];
    av[i] = s;
  }
}

function mulAtv(v, atv) {
  for (let i = 0; i < atv.length; i++) {
    let s = 0.0;
    for (let j = 0; j < v.length; j++) s += a(j, i) * v[j];
    atv[i] = s;
  }
}

function mulAtAv(v, out, tmp) {
  mulAv(v, tmp);
  mulAtv(tmp, out);
}

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 100;
const u = new Float64Array(n).fill(1);
const v = new Float64Array(n);
const tmp = new Float64Array(n);
for (let i = 0; i < 10; i++) {
  mulAtAv(u, v, tmp);
  mulAtAv(v, u, tmp);
}
let vBv = 0, vv = 0;
for (let i = 0; i < n; i++) {
  vBv += u[i] * v[i];
  vv += v[i] * v[i];
}
console.log(Math.sqrt(vBv / vv).toFixed(9));
