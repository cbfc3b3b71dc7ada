// Call dispatch: n calls in each of four phases: one closure (monomorphic),
// four closures in turn (4-way polymorphic), one object method (monomorphic),
// and four classes' methods in turn. Prints each phase's sum.
"use strict";

class Add { constructor(k) { this.k = k; } apply(x) { return x + this.k; } }
class Sub { constructor(k) { this.k = k; } apply(x) { return x - this.k; } }
class Scale { constructor(k) { this.k = k; } apply(x) { return x * this.k; } }
class Rev { constructor(k) { this.k = k; } apply(x) { return this.k - x; } }

const makeAdd = (k) => (x) => x + k;
const makeSub = (k) => (x) => x - k;
const makeScale = (k) => (x) => x * k;
const makeRev = (k) => (x) => k - x;

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 1000000;

const f = makeAdd(3);
let sum = 0;
for (let i = 0; i < n; i++) sum += f(i % 1000);
console.log(`closure mono: ${sum}`);

const fs = [makeAdd(3), makeSub(5), makeScale(2), makeRev(7)];
sum = 0;
for (let i = 0; i < n; i++) sum += fs[i % 4](i % 1000);
console.log(`closure poly4: ${sum}`);

const op = new Add(3);
sum = 0;
for (let i = 0; i < n; i++) sum += op.apply(i % 1000);
console.log(`interface mono: ${sum}`);

const ops = [new Add(3), new Sub(5), new Scale(2), new Rev(7)];
sum = 0;
for (let i = 0; i < n; i++) sum += ops[i % 4].apply(i % 1000);
console.log(`interface poly4: ${sum}`);
