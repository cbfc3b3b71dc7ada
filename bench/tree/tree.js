// Recursive tree building and walking: n rounds, each inserting 1,000
// pseudo-random keys into an unbalanced binary search tree, then walking it
// recursively for its node count, key sum and height.
"use strict";

class Node {
  constructor(key) {
    this.key = key;
    this.left = null;
    this.right = null;
  }

  insert(key) {
    if (key < this.key) {
      if (this.left === null) this.left = new Node(key);
      else this.left.insert(key);
    } else {
      if (this.right === null) this.right = new Node(key);
      else this.right.insert(key);
    }
  }
}

function count(n) {
  if (n === null) return 0;
  return 1 + count(n.left) + count(n.right);
}

function sum(n) {
  if (n === null) return 0;
  return n.key + sum(n.left) + sum(n.right);
}

function height(n) {
  if (n === null) return 0;
  return Math.max(height(n.left), height(n.right)) + 1;
}

const rounds = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 100;
let seed = 7;
let nodes = 0, total = 0, heights = 0;
for (let r = 0; r < rounds; r++) {
  seed = seed * 16807 % 2147483647;
  const root = new Node(seed % 100000);
  for (let i = 1; i < 1000; i++) {
    seed = seed * 16807 % 2147483647;
    root.insert(seed % 100000);
  }
  nodes += count(root);
  total += sum(root);
  heights += height(root);
}
console.log(`${nodes} ${total} ${heights}`);
