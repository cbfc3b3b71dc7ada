// Fannkuch-redux: for every permutation of 1..n, count the pancake flips
// until 1 comes first; print a signed checksum and the largest flip count.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func fannkuch(n int) (int, int) {
	perm := make([]int, n)
	current := make([]int, n)
	count := make([]int, n)
	for i := range current {
		current[i] = i
	}
	checksum, maxFlips, index := 0, 0, 0
	r := n
	for {
		for ; r != 1; r-- {
			count[r-1] = r
		}
		copy(perm, current)
		flips := 0
		for k := perm[0]; k != 0; k = perm[0] {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				perm[i], perm[j] = perm[j], perm[i]
			}
			flips++
		}
		if flips > maxFlips {
			maxFlips = flips
		}
		if index%2 == 0 {
			checksum += flips
		} else {
			checksum -= flips
		}
		// Advance to the next permutation by rotating a growing prefix.
		for {
			if r == n {
				return checksum, maxFlips
			}
			first := current[0]
			for i := 0; i < r; i++ {
				current[i] = current[i+1]
			}
			current[r] = first
			count[r]--
			if count[r] > 0 {
				break
			}
			r++
		}
		index++
	}
}

func main() {
	n := 10
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	checksum, maxFlips := fannkuch(n)
	fmt.Println(checksum)
	fmt.Println("Pfannkuchen(", n, ") =", maxFlips)
}
