// Recursive tree building and walking: n rounds, each inserting 1,000
// pseudo-random keys into an unbalanced binary search tree, then walking it
// recursively for its node count, key sum and height.
package main

import (
	"fmt"
	"os"
	"strconv"
)

type Node struct {
	key         int
	left, right *Node
}

func (n *Node) insert(key int) {
	if key < n.key {
		if n.left == nil {
			n.left = &Node{key: key}
		} else {
			n.left.insert(key)
		}
	} else {
		if n.right == nil {
			n.right = &Node{key: key}
		} else {
			n.right.insert(key)
		}
	}
}

func (n *Node) count() int {
	if n == nil {
		return 0
	}
	return 1 + n.left.count() + n.right.count()
}

func (n *Node) sum() int {
	if n == nil {
		return 0
	}
	return n.key + n.left.sum() + n.right.sum()
}

func (n *Node) height() int {
	if n == nil {
		return 0
	}
	l, r := n.left.height(), n.right.height()
	if l > r {
		return l + 1
	}
	return r + 1
}

func main() {
	rounds := 100
	if len(os.Args) > 1 {
		rounds, _ = strconv.Atoi(os.Args[1])
	}
	seed := 7
	nodes, sum, height := 0, 0, 0
	for r := 0; r < rounds; r++ {
		seed = seed * 16807 % 2147483647
		root := &Node{key: seed % 100000}
		for i := 1; i < 1000; i++ {
			seed = seed * 16807 % 2147483647
			root.insert(seed % 100000)
		}
		nodes += root.count()
		sum += root.sum()
		height += root.height()
	}
	fmt.Println(nodes, sum, height)
}
