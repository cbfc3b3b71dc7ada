// Sieve of Eratosthenes: count the primes below 1,000,000, n times over.
"use strict";

const LIMIT = 1000000;

function countPrimes() {
  const composite = new Uint8Array(LIMIT);
  let count = 0;
  for (let i = 2; i < LIMIT; i++) {
    if (!composite[i]) {
      count++;
      for (let j = i * i; j < LIMIT; j += i) composite[j] = 1;
    }
  }
  return count;
}

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 6;
let total = 0;
for (let r = 0; r < n; r++) total += countPrimes();
console.log(String(total));
