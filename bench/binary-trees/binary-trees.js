// Binary trees: allocate and walk many perfect binary trees (depth from the
// argument), plus one long-lived tree that survives the whole run.
"use strict";

class Node {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }

  check() {
    if (this.left === null) return 1;
    return 1 + this.left.check() + this.right.check();
  }
}

function bottomUp(depth) {
  if (depth === 0) return new Node(null, null);
  return new Node(bottomUp(depth - 1), bottomUp(depth - 1));
}

const n = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 16;
const minDepth = 4;
const maxDepth = Math.max(minDepth + 2, n);

const stretch = maxDepth + 1;
console.log(`stretch tree of depth ${stretch} check: ${bottomUp(stretch).check()}`);

const longLived = bottomUp(maxDepth);
for (let d = minDepth; d <= maxDepth; d += 2) {
  const iterations = 2 ** (maxDepth - d + minDepth);
  let check = 0;
  for (let i = 0; i < iterations; i++) check += bottomUp(d).check();
  console.log(`${iterations} trees of depth ${d} check: ${check}`);
}
console.log(`long lived tree of depth ${maxDepth} check: ${longLived.check()}`);
