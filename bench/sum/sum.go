// Sum over a large slice: fill 1,000,000 ints, then add them all up n times.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n := 10
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	xs := make([]int, 1000000)
	for i := range xs {
		xs[i] = i % 1000
	}
	total := 0
	for pass := 0; pass < n; pass++ {
		for _, x := range xs {
			total += x
		}
	}
	fmt.Println(total)
}
